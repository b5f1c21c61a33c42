// The rule that combines seeds, avoided songs and targets into one query point in the model's scaled space:
//   q = mean(seeds) − AVOID_WEIGHT · mean(avoid)          (Rocchio, with the classic α = 1)
//   q[f] += ±TARGET_STEP for each feature with "more" / "less"
// Ranking is by cosine to q, so q's direction is what counts; the targets turn it towards (or away from) a feature.
import { InvalidArgumentError, InvalidFeaturesError } from "../errors";
import { ZAudioFeatures, type TAudioFeatures } from "../features";
import type { TModelArtifact } from "../model-artifact";
import { scaleFeatures } from "../scale";
import { VectorSlots } from "./scratch";
import { AVOID_WEIGHT, STEERABLE_FEATURES, TARGET_STEP, type TSeed, type TSteerableFeature, type TSteering } from "./steering";

const STEERABLE = new Set<string>(STEERABLE_FEATURES);

export interface TQueryPoint {
  /** The query point, scaled, in model feature order. */
  point: Float64Array;
  /** Each seed and avoided song, scaled. */
  seeds: Float64Array[];
  avoid: Float64Array[];
  shifts: Partial<Record<TSteerableFeature, number>>;
}

// Each feature's [min, max], read from ZAudioFeatures (the one place the ranges are written); in plain arrays, since
// iterating a Map allocates an entry per step.
const SCHEMA = Object.entries(ZAudioFeatures.shape);
const NAMES = SCHEMA.map(([name]) => name);
const MINS = SCHEMA.map(([, schema]) => schema.minValue ?? -Infinity);
const MAXS = SCHEMA.map(([, schema]) => schema.maxValue ?? Infinity);
const KNOWN = new Set(NAMES);

/**
 * Writes into `out` the scaled vector of features that pass ZAudioFeatures (a number in range for each of the
 * nine), without running the schema: ten seeds' parses were ~5 % of a steered query. False for anything else, which
 * then goes through scaleFeatures for the full error message. The same arithmetic as scaleFeatures: the same bits.
 */
function scaleIfValid(model: TModelArtifact, features: TAudioFeatures, out: Float64Array): boolean {
  if (typeof features !== "object" || features === null) return false;
  // The schema checks all nine features, whichever the model uses.
  for (let f = 0; f < NAMES.length; f++) {
    const v = (features as Record<string, unknown>)[NAMES[f]!];
    if (typeof v !== "number" || !(v >= MINS[f]! && v <= MAXS[f]!)) return false;
  }
  const { featureNames, scaler } = model;
  if (scaler.mean.length !== featureNames.length) return false;
  for (let j = 0; j < featureNames.length; j++) {
    const name = featureNames[j]!;
    if (!KNOWN.has(name)) return false;
    out[j] = ((features as Record<string, number>)[name]! - scaler.mean[j]!) / scaler.scale[j]!;
  }
  return true;
}

function scaleSeed(model: TModelArtifact, seed: TSeed, what: string, out: Float64Array): Float64Array {
  if (scaleIfValid(model, seed.features, out)) return out;
  try {
    out.set(scaleFeatures(model, seed.features));
    return out;
  } catch (e) {
    if (e instanceof InvalidFeaturesError) throw new InvalidFeaturesError(`${what}: ${e.message}`, e.issues);
    throw e;
  }
}

function addMean(target: Float64Array, vectors: readonly Float64Array[], weight: number): void {
  if (vectors.length === 0) return;
  const w = weight / vectors.length;
  for (const v of vectors) for (let j = 0; j < target.length; j++) target[j]! += w * v[j]!;
}

export interface TQueryPointOptions {
  /**
   * Put the vectors in this module's reused buffers (scratch.ts's VectorSlots), valid only until the next such call:
   * recommendSteered's own use (no per-query typed arrays). Default false: fresh arrays.
   */
  scratch?: boolean;
}

const scratchVectors = { seeds: new VectorSlots(), avoid: new VectorSlots(), point: new VectorSlots() };

/** Builds the query point for a validated steering request (see the file comment for the rule). */
export function buildQueryPoint(model: TModelArtifact, steering: TSteering, options: TQueryPointOptions = {}): TQueryPoint {
  const d = model.featureNames.length;
  const given = steering.avoid ?? [];
  const fresh = (count: number) => Array.from({ length: count }, () => new Float64Array(d));
  const seedsOut = options.scratch ? scratchVectors.seeds.take(steering.seeds.length, d) : fresh(steering.seeds.length);
  const avoidOut = options.scratch ? scratchVectors.avoid.take(given.length, d) : fresh(given.length);
  const seeds = steering.seeds.map((s, i) => scaleSeed(model, s, `seed ${i + 1}`, seedsOut[i]!));
  const avoid = given.map((s, i) => scaleSeed(model, s, `avoided song ${i + 1}`, avoidOut[i]!));
  const point = options.scratch ? scratchVectors.point.take(1, d)[0]!.fill(0) : new Float64Array(d);
  addMean(point, seeds, 1);
  addMean(point, avoid, -AVOID_WEIGHT);
  const shifts: Partial<Record<TSteerableFeature, number>> = {};
  for (const [feature, step] of Object.entries(steering.targets ?? {}) as [TSteerableFeature, string | undefined][]) {
    if (step !== "more" && step !== "less") continue;
    const j = model.featureNames.indexOf(feature);
    if (j < 0) throw new InvalidArgumentError(`steering.targets.${feature}: the model has no ${feature} feature`);
    const shift = step === "more" ? TARGET_STEP : -TARGET_STEP;
    point[j]! += shift;
    shifts[feature] = shift;
  }
  return { point, seeds, avoid, shifts };
}

/**
 * One "less"/"more" step in the feature's own units (Spotify's 0–1 scale; BPM for tempo): TARGET_STEP × the
 * scaler's standard deviation. For the features the model has.
 */
export function targetStepsInListenerTerms(model: TModelArtifact): Partial<Record<TSteerableFeature, number>> {
  const out: Partial<Record<TSteerableFeature, number>> = {};
  model.featureNames.forEach((name, j) => {
    if (STEERABLE.has(name)) out[name as TSteerableFeature] = TARGET_STEP * model.scaler.scale[j]!;
  });
  return out;
}
