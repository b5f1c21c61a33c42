// Typed errors so callers (API routes, CLI) can map failures to messages without string matching.

/** Base class of every error thrown by @anisong/core-ml. */
export class CoreMlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

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
    readonly expected: number,
    readonly actual: number,
    what = "vector",
  ) {
    super(`${what} has ${actual} dimensions, expected ${expected}`);
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
