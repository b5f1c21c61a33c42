// Expected, user-facing failures of reading and validating input: the CLI prints their message, no stack.
import { AnisongError } from "@anisong/core-ml";

export class IngestError extends AnisongError {
  override name = "IngestError";
}
export class EmptyFileError extends IngestError {
  override name = "EmptyFileError";
}
export class NotCsvError extends IngestError {
  override name = "NotCsvError";
}
export class MissingColumnsError extends IngestError {
  override name = "MissingColumnsError";
  constructor(
    readonly file: string,
    readonly missing: string[],
  ) {
    super(`${file}: missing column(s) ${missing.map((c) => `"${c}"`).join(", ")}`);
  }
}
export class RawStoreError extends IngestError {
  override name = "RawStoreError";
}
export class InvalidIngestInputError extends IngestError {
  override name = "InvalidIngestInputError";
}
/** The database refused the write; the transaction was rolled back. */
export class IngestWriteError extends IngestError {
  override name = "IngestWriteError";
}
