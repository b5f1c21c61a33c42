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
/** A request's answers, one per basis in force: during an experiment each variant ranks with its own model. */
type TEntries = readonly TEntry[];
/** More bases than an experiment's variants at once would be stale ones. */
const MAX_BASES_PER_REQUEST = 4;

const TTL_MS = 10 * 60_000;
/**
 * An answer of ten picks is about 10,000 characters of JSON (the body and the row): some 400 answers, fewer of
 * longer lists. The body's objects mostly point into the loaded model (the songs' features, artists), so an entry
 * holds little beyond its two strings: a few MB of the server's memory in all.
 */
const MAX_JSON_CHARS = 4_000_000;

const memo = processWide(
  "recommendation-memo",
  () =>
    new LRUCache<string, TEntries>({
      maxSize: MAX_JSON_CHARS,
      sizeCalculation: (entries) => entries.reduce((n, e) => n + e.computed.bodyJson.length + e.computed.row.fieldsJson.length, 0),
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
  return memo.get(key)?.find((entry) => sameBasis(entry.basis, basis))?.computed;
}

/** Keeps `computed` beside the answers to `key` on other bases in force (another variant's), newest first. */
export function rememberRecommendation(key: string, basis: TMemoBasis, computed: TComputedRecommendation): void {
  const others = (memo.get(key) ?? []).filter((entry) => !sameRanking(entry.basis, basis));
  memo.set(key, [{ basis, computed }, ...others].slice(0, MAX_BASES_PER_REQUEST));
}

/** The same model and variant: an older entry of theirs is superseded, not kept beside. */
function sameRanking(a: TMemoBasis, b: TMemoBasis): boolean {
  return a.plan.loaded.version === b.plan.loaded.version && a.plan.experiment?.variant === b.plan.experiment?.variant;
}

/** Tests: forget every kept answer. */
export function forgetRecommendations(): void {
  memo.clear();
}
