// The one standardisation in the code base: (x − mean) / scale, column by column. The scaler, the library and
// every app scale through these functions, so fitting and querying can never disagree.
import { DimensionMismatchError } from "./errors";
import { featuresToVector } from "./feature-vector";
import type { TAudioFeatures } from "./features";
import type { TModelArtifact } from "./model-artifact";

/** Standardises `source[offset … offset + d)` into `target[targetOffset …)`; d is mean.length. */
export function standardizeInto(
  mean: ArrayLike<number>,
  scale: ArrayLike<number>,
  source: ArrayLike<number>,
  offset: number,
  target: Float64Array,
  targetOffset: number,
): void {
  for (let j = 0; j < mean.length; j++) target[targetOffset + j] = (source[offset + j]! - mean[j]!) / scale[j]!;
}

/** Scales a raw vector, already in the model's feature order, with the model's scaler. */
export function scaleWithModel(model: TModelArtifact, raw: ArrayLike<number>): Float64Array {
  const { mean, scale } = model.scaler;
  if (raw.length !== mean.length) throw new DimensionMismatchError(mean.length, raw.length, "feature vector");
  const out = new Float64Array(raw.length);
  standardizeInto(mean, scale, raw, 0, out, 0);
  return out;
}

/** Validates a raw feature record and returns it in the model's scaled space, in the model's feature order. */
export function scaleFeatures(model: TModelArtifact, features: TAudioFeatures): Float64Array {
  return scaleWithModel(model, featuresToVector(features, model.featureNames));
}
