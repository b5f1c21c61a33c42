// The steering contract: what a listener can ask of a recommendation (seeds, songs to avoid, feature targets, a
// tempo range, variety, boosts) and what comes back. Types and documented constants only; the rule lives in
// query-point.ts, the ranking in rank-candidates.ts and select-diverse.ts.
import type { TAudioFeatures } from "../features";

/** Features a listener can push "less / as is / more"; each must be one of the model's features to be used. */
export const STEERABLE_FEATURES = ["energy", "valence", "danceability", "acousticness", "tempo"] as const;
export type TSteerableFeature = (typeof STEERABLE_FEATURES)[number];

export const TARGET_STEPS = ["less", "same", "more"] as const;
export type TTargetStep = (typeof TARGET_STEPS)[number];

/** Seeds per query: at least one, at most this many. */
export const MAX_SEEDS = 5;
/** Songs to avoid per query. */
export const MAX_AVOID = 5;
/** The most results callers (CLI, API) allow; core-ml itself ranks any topN. */
export const MAX_STEERED_TOP_N = 50;
/**
 * Rocchio's negative weight β: q = mean(seeds) − β · mean(avoid). 0.5 pushes the query half the avoided songs'
 * mean away, enough to turn the ranking from them without letting one avoided song outweigh the seeds.
 */
export const AVOID_WEIGHT = 0.5;
/**
 * One "less"/"more" step, in scaled units (standard deviations of the training data) along the feature's axis.
 * In listener terms it is TARGET_STEP × the scaler's std of that feature (see targetStepsInListenerTerms).
 */
export const TARGET_STEP = 0.5;
/** Each boost is clamped to ±MAX_BOOST before it is added to a song's ranking score (cosine). */
export const MAX_BOOST = 0.05;
/** MMR works on at most this many × topN of the best candidates (at least MIN_VARIETY_POOL). */
export const VARIETY_POOL_FACTOR = 10;
export const MIN_VARIETY_POOL = 50;

/** A song the listener gave: its raw (unscaled) features, and ids so that it is never recommended back. */
export interface TSeed {
  trackId?: string;
  /** Its versions are never recommended; defaults to the library's songKey of trackId when it is in the library. */
  songKey?: string;
  features: TAudioFeatures;
}

export interface TSteering {
  /** 1..MAX_SEEDS songs to recommend like. */
  seeds: readonly TSeed[];
  /** 0..MAX_AVOID songs to steer away from ("not like this"). */
  avoid?: readonly TSeed[];
  /** Per feature: move the query point TARGET_STEP scaled units down ("less") or up ("more"); "same" = no move. */
  targets?: Partial<Record<TSteerableFeature, TTargetStep>>;
  /** BPM, inclusive on both ends; a hard filter on candidates (the query point is not moved). */
  tempoRange?: { min?: number; max?: number };
}

export interface TSteerOptions {
  /** How many songs to return (default 10; ≤ 0 gives none). Callers allow up to MAX_STEERED_TOP_N. */
  topN?: number;
  /** At most this many songs per artistKey (default 2, as recommend; Infinity = no cap). */
  maxPerArtist?: number;
  /** 0 (pure similarity, default) .. 1: the maximal-marginal-relevance trade-off λ. */
  variety?: number;
  /**
   * Per-trackId additive adjustment of the ranking score, each clamped to ±MAX_BOOST. It changes the order only;
   * the reported similarity stays the true cosine. Read once per map object (validated and resolved to library rows,
   * then cached): to change boosts, pass a new map (a change of size is noticed; an entry changed in place is not).
   */
  boosts?: ReadonlyMap<string, number>;
}

export interface TSteeredItem {
  trackId: string;
  /** Position in the songs array the library was prepared from. */
  index: number;
  /** Cosine to the query point. */
  similarity: number;
  /** Cosine to each seed, in seed order. */
  seedSimilarities: number[];
  /** Cosine to each avoided song, in avoid order. */
  avoidSimilarities: number[];
}

export interface TSteeredResult {
  cluster: number;
  /** The query point in the model's scaled space, in model feature order. */
  queryPoint: number[];
  items: TSteeredItem[];
  /** What the targets moved, in scaled units per feature (only features with "less"/"more"). */
  shifts: Partial<Record<TSteerableFeature, number>>;
}
