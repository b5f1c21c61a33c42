// The answers to recent recommendation requests, computed once: the same request (same song and options, same
// model, experiment variant, feedback boosts and song resolver) ranks the same songs, so a repeat skips the song
// resolution, the ranking and both JSON serialisations, and only stores a new row and answers with its id. Popular
// songs are asked again and again; this is most of the recommendation's own CPU on the request thread (web README,
// "How a request is served"). Entries name the objects they were computed from and are used only while those are
// still the ones in force: a new model version, a feedback refresh or a new experiment each make a new object.
// Songs resolved online (Spotify, ReccoBeats) are trusted for TTL_MS. Errors are never kept.
import { LRUCache } from "lru-cache";
import type { TPreparedRecommendation } from "@anisong/db";
import type { TSongResolver } from "@anisong/providers";
import type { TRecommendationResponse } from "../../lib/api-types";
import type { TLoadedModel } from "../model/load-active-model";
import type { TRecommendationPlan } from "../experiments/plan-recommendation";
import { processWide } from "../process-wide";

/** What a request computes before its write: everything of the answer but the stored row's id and time. */
export type TComputedRecommendation = {
  /** the answer without `id` and `createdAt` */
  body: Omit<TRecommendationResponse, "id" | "createdAt">;
  /** `body` as JSON */
  bodyJson: string;
  /** the row to store */
  row: TPreparedRecommendation;
};

/** The objects an answer was computed from; it holds only while each is still the one in force. */
export type TMemoBasis = {
  plan: TRecommendationPlan;
  /** the active model (the library the song resolver searches), which an experiment's variant may not be */
  active: TLoadedModel;
  resolver: TSongResolver;
};

type TEntry = { basis: TMemoBasis; computed: TComputedRecommendation };

const TTL_MS = 10 * 60_000;
/** About 2–8 KB of JSON per answer (ten to fifty picks): some 1,000–4,000 answers, a few MB of the server's memory. */
const MAX_JSON_CHARS = 8_000_000;

const memo = processWide(
  "recommendation-memo",
  () =>
    new LRUCache<string, TEntry>({
      maxSize: MAX_JSON_CHARS,
      sizeCalculation: (entry) => entry.computed.bodyJson.length + entry.computed.row.fieldsJson.length,
      ttl: TTL_MS,
    }),
);

function sameBasis(a: TMemoBasis, b: TMemoBasis): boolean {
  return (
    a.plan.loaded === b.plan.loaded &&
    a.plan.boosts === b.plan.boosts &&
    a.plan.experiment?.id === b.plan.experiment?.id &&
    a.plan.experiment?.variant === b.plan.experiment?.variant &&
    a.active === b.active &&
    a.resolver === b.resolver
  );
}

/** Whether an answer to `key` is kept, on whatever basis (and without counting as a use). */
export function hasRecommendation(key: string): boolean {
  return memo.has(key);
}

/** `key`: the request as zod normalised it (JSON). The computed answer for it on this basis, if one is kept. */
export function recallRecommendation(key: string, basis: TMemoBasis): TComputedRecommendation | undefined {
  const entry = memo.get(key);
  return entry && sameBasis(entry.basis, basis) ? entry.computed : undefined;
}

export function rememberRecommendation(key: string, basis: TMemoBasis, computed: TComputedRecommendation): void {
  memo.set(key, { basis, computed });
}

/** Tests: forget every kept answer. */
export function forgetRecommendations(): void {
  memo.clear();
}
