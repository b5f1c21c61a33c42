// Recognises "the database is not there" among the shapes Prisma, its driver adapters, pg and PGlite
// throw, so the API can answer 503 with a clear message instead of a bare 500.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1000", "P1001", "P1002", "P1003", "P1008", "P1010", "P1011", "P1017", "P2024"]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE"]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), admin shutdown / cannot connect now (57P…),
// unknown database (3D000), authentication (28…).
const UNAVAILABLE_SQLSTATE = /^(08|57P|3D000|28)/;
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
const UNAVAILABLE_MESSAGE =
  /can't reach database|connection (refused|terminated|closed)|server closed the connection|terminating connection|database .* does not exist|timed out fetching a new connection|PGlite is closed|no such file or directory.*pglite/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    if (e.name === "PrismaClientInitializationError" || e.name === "PGliteLockedError") return true;
    if (typeof e.code === "string" && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code))) return true;
    if (typeof e.code === "string" && e.code.length === 5 && UNAVAILABLE_SQLSTATE.test(e.code)) return true;
    if (typeof e.originalCode === "string" && UNAVAILABLE_SQLSTATE.test(e.originalCode)) return true;
    if (typeof e.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    if (Array.isArray((e as { errors?: unknown }).errors)) {
      // AggregateError from pg when every address refuses.
      if (((e as { errors: unknown[] }).errors).some((inner) => isDatabaseUnavailable(inner))) return true;
    }
    current = e.cause;
  }
  return false;
}
