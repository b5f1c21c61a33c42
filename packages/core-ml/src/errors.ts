// Typed errors so callers (API routes, CLI) can map failures to messages without string matching.

/**
 * Base of every Anisong package's errors. `expected` says the failure is one a user can meet and fix from the
 * message alone (bad input, a missing file, a locked database), not a bug: CLIs print it on one line, no stack.
 */
export class AnisongError extends Error {
  readonly expected: boolean;

  constructor(message: string, options: { expected?: boolean; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.expected = options.expected ?? true;
  }
}

/**
 * True for an AnisongError marked expected. Checks the flag rather than the class, so an error from a second copy
 * of a package (a bundler may load two) still counts.
 */
export function isExpectedError(error: unknown): error is AnisongError {
  return error instanceof Error && (error as { expected?: unknown }).expected === true;
}

/** Base class of every error thrown by @anisong/core-ml. */
export class CoreMlError extends AnisongError {}

/** Audio features are missing, not finite, or outside Spotify's documented ranges. */
export class InvalidFeaturesError extends CoreMlError {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

/** A vector, row or centroid has the wrong number of dimensions, or a matrix is ragged. */
export class DimensionMismatchError extends CoreMlError {
  constructor(
    readonly expectedDimensions: number,
    readonly actualDimensions: number,
    what = "vector",
  ) {
    // Inputs are validated before they reach the maths, so a wrong width is a bug, not a user's mistake.
    super(`${what} has ${actualDimensions} dimensions, expected ${expectedDimensions}`, { expected: false });
  }
}

/** Labels unusable for the requested computation (e.g. silhouette needs 2..n-1 distinct labels). */
export class InvalidLabelsError extends CoreMlError {}

/** A numeric argument (k, n, data values) is out of its valid domain. */
export class InvalidArgumentError extends CoreMlError {}

/** A model artifact has a schemaVersion this library cannot read. */
export class ModelArtifactVersionError extends CoreMlError {
  constructor(
    readonly found: unknown,
    readonly supported: number,
  ) {
    super(`model artifact schemaVersion ${JSON.stringify(found)} is not supported (this library reads schemaVersion ${supported})`);
  }
}

/** A model artifact does not match its schema, or its content no longer matches its version hash. */
export class InvalidModelArtifactError extends CoreMlError {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}
