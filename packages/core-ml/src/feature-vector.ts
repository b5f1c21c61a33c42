// Raw feature record -> vector in model column order, validated (the recommend/prepare boundary).
import { FEATURE_NAMES, ZAudioFeatures, type TAudioFeatures, type TFeatureName } from "./features";
import { InvalidFeaturesError } from "./errors";

const KNOWN = new Set<string>(FEATURE_NAMES);

/** Checks that every name is one of the nine audio features (a model artifact may list them in any order). */
export function assertFeatureNames(names: readonly string[]): asserts names is readonly TFeatureName[] {
  const unknown = names.filter((n) => !KNOWN.has(n));
  if (unknown.length > 0) throw new InvalidFeaturesError(`unknown feature name(s): ${unknown.join(", ")}`, unknown);
}

/**
 * Validates a raw feature record (finite, in Spotify's ranges, none missing) and returns it as a vector in
 * `names` order. Throws InvalidFeaturesError listing every problem.
 */
export function featuresToVector(features: TAudioFeatures, names: readonly string[] = FEATURE_NAMES): Float64Array {
  assertFeatureNames(names);
  const parsed = ZAudioFeatures.safeParse(features);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "features"}: ${i.message}`);
    throw new InvalidFeaturesError(`invalid audio features: ${issues.join("; ")}`, issues);
  }
  const out = new Float64Array(names.length);
  for (let j = 0; j < names.length; j++) out[j] = parsed.data[names[j] as TFeatureName];
  return out;
}
