// The answers to recent recommendation requests, computed once: the same request (same song and options, same
// model, experiment variant, feedback boosts and song resolver) ranks the same songs, so a repeat skips the song
// resolution, the ranking and both JSON serialisations, and only stores a new row and answers with its id. Popular
// songs are asked again and again; this is most of the recommendation's own CPU on the request thread (web README,
// "How a request is served"). Entries name the objects they were computed from and are used only while those are
// still the ones in force: a new model version, a feedback refresh or a new experiment each make a new object. They
// name them by a number, not a reference, so a model that is no longer in force is not held in memory by them.
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

/** The objects an answer is computed from; it holds only while each is still the one in force. */
export type TMemoSources = {
  plan: TRecommendationPlan;
  /** the active model (the library the song resolver searches), which an experiment's variant may not be */
  active: TLoadedModel;
  resolver: TSongResolver;
};

/** `sources` by identity (`id`), and the model and variant that rank (`ranking`): see memoBasis. */
export type TMemoBasis = { id: string; ranking: string };

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

/** A number per object, never reused: a WeakMap, so it keeps no object alive. */
const identities = processWide("recommendation-memo-identities", () => ({ next: 1, of: new WeakMap<object, number>() }));

function identityOf(value: object | null): number {
  if (value === null) return 0;
  let id = identities.of.get(value);
  if (id === undefined) identities.of.set(value, (id = identities.next++));
  return id;
}

export function memoBasis(sources: TMemoSources): TMemoBasis {
  const { plan, active, resolver } = sources;
  const variant = plan.experiment ? `${plan.experiment.id}/${plan.experiment.variant}` : "";
  return {
    id: [identityOf(plan.loaded), identityOf(plan.boosts), identityOf(active), identityOf(resolver), variant].join(" "),
    ranking: `${plan.loaded.version} ${variant}`,
  };
}

/** Whether an answer to `key` is kept, on whatever basis (and without counting as a use). */
export function hasRecommendation(key: string): boolean {
  return memo.has(key);
}

/** `key`: the request as zod normalised it (JSON). The computed answer for it on this basis, if one is kept. */
export function recallRecommendation(key: string, basis: TMemoBasis): TComputedRecommendation | undefined {
  return memo.get(key)?.find((entry) => entry.basis.id === basis.id)?.computed;
}

/** Keeps `computed` beside the answers to `key` on other bases in force (another variant's), newest first. */
export function rememberRecommendation(key: string, basis: TMemoBasis, computed: TComputedRecommendation): void {
  // The same model and variant on an older basis (before a feedback refresh, say) is superseded, not kept beside.
  const others = (memo.get(key) ?? []).filter((entry) => entry.basis.ranking !== basis.ranking);
  memo.set(key, [{ basis, computed }, ...others].slice(0, MAX_BASES_PER_REQUEST));
}
