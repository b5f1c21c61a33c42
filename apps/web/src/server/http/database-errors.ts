// The HTTP face of a database failure. Recognising one is @anisong/db's job (classifyDatabaseError); this
// only decides the answer: 503 database_unavailable whatever the cause, with a hint for the operator's cases.
import { classifyDatabaseError, type TDatabaseErrorCode } from "@anisong/db";
import { ApiError } from "./errors";

const MESSAGES: Record<TDatabaseErrorCode, string> = {
  unavailable: "The database is unavailable right now. Please try again in a moment.",
  missing_tables: "The database is unavailable right now: it has no tables yet (run `pnpm db:migrate`).",
  locked: "The database is unavailable right now: its folder is open in another process.",
};

/** 503 database_unavailable for a recognised database failure, or null for anything else. */
export function toDatabaseApiError(error: unknown): ApiError | null {
  const code = classifyDatabaseError(error);
  return code ? new ApiError(503, "database_unavailable", MESSAGES[code]) : null;
}
