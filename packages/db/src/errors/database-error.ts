// The one place that recognises database failures among the shapes Prisma, its driver adapters, pg and
// PGlite throw, and names them: callers map a code to their own surface (HTTP 503, a CLI hint) instead of
// matching messages themselves.
import { AnisongError } from "@anisong/core-ml";

export type TDatabaseErrorCode =
  /** The server cannot be reached, refused us, or closed the connection (stopped, restarted, admin shutdown). */
  | "unavailable"
  /** The database answers but has no Anisong tables: not migrated (42P01, Prisma P2021). */
  | "missing_tables"
  /** The embedded PGlite folder is open in another process. */
  | "locked";

/** Every code is one a user can act on (start the server, migrate, close the other process): expected. */
export class DatabaseError extends AnisongError {
  override name = "DatabaseError";
  constructor(
    readonly code: TDatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options && "cause" in options ? { cause: options.cause } : {});
  }
}

const UNAVAILABLE_PRISMA_CODES = new Set(["P1000", "P1001", "P1002", "P1003", "P1008", "P1010", "P1011", "P1017", "P2024"]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE"]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), admin shutdown / crash shutdown / cannot connect now
// (57P01, 57P02, 57P03), unknown database (3D000), authentication (28…).
const UNAVAILABLE_SQLSTATE = /^(08|57P|3D000|28)/;
const MISSING_TABLE_SQLSTATE = "42P01";
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "SocketTimeout",
  "ConnectionClosed",
  "TlsConnectionError",
  "TooManyConnections",
]);
// pg: "Connection terminated unexpectedly", "Client has encountered a connection error and is not queryable";
// Prisma's engine: "Server has closed the connection."; PostgreSQL: "terminating connection due to administrator command".
const UNAVAILABLE_MESSAGE =
  /can't reach database|connection (refused|terminated|closed)|(server|connection) (has )?closed the connection|server has closed|terminating connection|not queryable|database .* does not exist|timed out fetching a new connection|PGlite is closed|no such file or directory.*pglite/i;
const MISSING_TABLE_MESSAGE = /relation "[^"]+" does not exist|table `?[^`\s]+`? does not exist in the current database/i;

type TErrorShape = {
  name?: unknown;
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  originalCode?: unknown;
  meta?: { code?: unknown; message?: unknown };
  errors?: unknown;
};

/** The database failure `error` (or anything in its cause chain) stands for, or null for any other error. */
export function classifyDatabaseError(error: unknown): TDatabaseErrorCode | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = classifyOne(current as TErrorShape);
    if (code) return code;
    const inner = (current as TErrorShape).errors;
    if (Array.isArray(inner)) {
      // AggregateError from pg when every address refuses.
      for (const e of inner) {
        const found = classifyDatabaseError(e);
        if (found) return found;
      }
    }
    current = (current as TErrorShape).cause;
  }
  return null;
}

function classifyOne(e: TErrorShape): TDatabaseErrorCode | null {
  if (e instanceof DatabaseError) return e.code;
  if (e.name === "PGliteLockedError") return "locked";
  if (e.name === "PrismaClientInitializationError") return "unavailable";
  for (const code of [e.code, e.originalCode, e.meta?.code]) {
    if (typeof code !== "string") continue;
    if (code === "P2021" || code === MISSING_TABLE_SQLSTATE) return "missing_tables";
    if (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return "unavailable";
    if (code.length === 5 && UNAVAILABLE_SQLSTATE.test(code)) return "unavailable";
  }
  if (typeof e.kind === "string") {
    if (UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return "unavailable";
    if (e.kind === "TableDoesNotExist") return "missing_tables";
  }
  for (const message of [e.message, e.meta?.message]) {
    if (typeof message !== "string") continue;
    if (MISSING_TABLE_MESSAGE.test(message)) return "missing_tables";
    if (UNAVAILABLE_MESSAGE.test(message)) return "unavailable";
  }
  return null;
}

const MESSAGES: Record<TDatabaseErrorCode, string> = {
  unavailable: "the database is unavailable",
  missing_tables: "the database has no Anisong tables (run `pnpm db:migrate`)",
  locked: "the embedded database folder is open in another process",
};

/** A DatabaseError for a recognised database failure (the original as its cause), or null. */
export function toDatabaseError(error: unknown): DatabaseError | null {
  if (error instanceof DatabaseError) return error;
  const code = classifyDatabaseError(error);
  if (!code) return null;
  const detail =
    error instanceof Error
      ? error.message
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean)
          .at(-1)
      : undefined;
  return new DatabaseError(code, detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code], { cause: error });
}
