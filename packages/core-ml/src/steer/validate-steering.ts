// Checks a steering request and its options before any maths, with one InvalidArgumentError naming the field and
// its limit. Feature values are checked later, seed by seed, by scaleFeatures (InvalidFeaturesError).
import { InvalidArgumentError } from "../errors";
import { DEFAULT_MAX_PER_ARTIST } from "../recommend";
import { MAX_AVOID, MAX_SEEDS, STEERABLE_FEATURES, TARGET_STEPS, type TSteerOptions, type TSteering } from "./steering";

export interface TValidSteerOptions {
  topN: number;
  maxPerArtist: number;
  variety: number;
  boosts: ReadonlyMap<string, number> | undefined;
}

const FEATURES = new Set<string>(STEERABLE_FEATURES);
const STEPS = new Set<string>(TARGET_STEPS);
const MAX_BPM = 300; // Spotify's tempo range, as ZAudioFeatures

export function validateSteering(steering: TSteering): void {
  if (!steering || !Array.isArray(steering.seeds)) throw new InvalidArgumentError("steering.seeds must be an array of 1–5 songs");
  const seeds = steering.seeds.length;
  if (seeds < 1 || seeds > MAX_SEEDS) throw new InvalidArgumentError(`steering.seeds must hold 1–${MAX_SEEDS} songs, got ${seeds}`);
  if (steering.avoid !== undefined) {
    if (!Array.isArray(steering.avoid)) throw new InvalidArgumentError(`steering.avoid must be an array of 0–${MAX_AVOID} songs`);
    if (steering.avoid.length > MAX_AVOID) {
      throw new InvalidArgumentError(`steering.avoid must hold at most ${MAX_AVOID} songs, got ${steering.avoid.length}`);
    }
  }
  for (const [feature, step] of Object.entries(steering.targets ?? {})) {
    if (!FEATURES.has(feature)) {
      throw new InvalidArgumentError(`steering.targets.${feature}: not a steerable feature (${STEERABLE_FEATURES.join(", ")})`);
    }
    if (step !== undefined && !STEPS.has(step)) {
      throw new InvalidArgumentError(`steering.targets.${feature} must be one of ${TARGET_STEPS.join(", ")}, got ${String(step)}`);
    }
  }
  const range = steering.tempoRange;
  if (range !== undefined) {
    for (const end of ["min", "max"] as const) {
      const v = range[end];
      if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > MAX_BPM)) {
        throw new InvalidArgumentError(`steering.tempoRange.${end} must be a number of BPM in 0–${MAX_BPM}, got ${String(v)}`);
      }
    }
    if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
      throw new InvalidArgumentError(`steering.tempoRange.min (${range.min}) must not exceed max (${range.max})`);
    }
  }
}

// Boost maps already checked, with their size then: a map is read once (see boost-rows.ts), so it is checked once.
const checkedBoosts = new WeakMap<ReadonlyMap<string, number>, number>();

function validateBoosts(boosts: ReadonlyMap<string, number>): void {
  if (checkedBoosts.get(boosts) === boosts.size) return;
  for (const [trackId, boost] of boosts) {
    if (typeof boost !== "number" || !Number.isFinite(boost)) {
      throw new InvalidArgumentError(`boost for ${trackId} must be a finite number, got ${String(boost)}`);
    }
  }
  checkedBoosts.set(boosts, boosts.size);
}

export function validateSteerOptions(opts: TSteerOptions): TValidSteerOptions {
  const topN = opts.topN ?? 10;
  if (typeof topN !== "number" || Number.isNaN(topN)) throw new InvalidArgumentError(`topN must be a number, got ${String(topN)}`);
  const maxPerArtist = opts.maxPerArtist ?? DEFAULT_MAX_PER_ARTIST;
  if (typeof maxPerArtist !== "number" || !(maxPerArtist >= 1)) {
    throw new InvalidArgumentError(`maxPerArtist must be a number ≥ 1 (or Infinity), got ${String(maxPerArtist)}`);
  }
  const variety = opts.variety ?? 0;
  if (typeof variety !== "number" || !(variety >= 0 && variety <= 1)) {
    throw new InvalidArgumentError(`variety must be a number in 0–1, got ${String(variety)}`);
  }
  if (opts.boosts !== undefined) validateBoosts(opts.boosts);
  return { topN, maxPerArtist, variety, boosts: opts.boosts };
}
