// What the recommend CLI prints for a failure it expects; null means a bug (the caller rethrows it).
import { isExpectedError } from "@anisong/core-ml";
import { classifyDatabaseError } from "@anisong/db";
import { AllProvidersFailedError, SongNotFoundError } from "@anisong/providers";

const RUN_PIPELINE_FIRST = "run `pnpm run pipeline all` first";

/** The stderr lines for an expected failure, or null for anything else. */
export function describeRecommendError(error: unknown): string[] | null {
  if (error instanceof SongNotFoundError) {
    return [
      `recommend: ${error.message.replace(/\.$/, "")}. ${error.hint}`,
      ...error.suggestions.slice(0, 5).map((s) => `  did you mean: ${s.title} — ${s.artists.join(", ")}`),
    ];
  }
  if (error instanceof AllProvidersFailedError) {
    return ["recommend: no provider could resolve the song:", ...error.reasons.map((r) => `  ${r.provider}: ${r.reason}`)];
  }
  if (isExpectedError(error)) return [`recommend: ${error.message}`];
  if (classifyDatabaseError(error) === "missing_tables")
    return [`recommend: the database has no Anisong tables yet: ${RUN_PIPELINE_FIRST}`];
  return null;
}
