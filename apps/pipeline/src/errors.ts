// Expected pipeline failures: the CLI prints the message on one line and exits non-zero, no stack trace.
import { AnisongError } from "@anisong/core-ml";

export class PipelineError extends AnisongError {
  override name = "PipelineError";
}
export class TooManyBadRowsError extends PipelineError {
  override name = "TooManyBadRowsError";
}
export class EvaluationFailedError extends PipelineError {
  override name = "EvaluationFailedError";
}
export class MissingArtifactError extends PipelineError {
  override name = "MissingArtifactError";
}
export class UsageError extends PipelineError {
  override name = "UsageError";
}
