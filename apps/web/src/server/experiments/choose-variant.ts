// A visitor's variant: SHA-256 of "<visitorId>:<experimentId>" read as a number in [0, 1), walked over the
// variants' cumulative weights. Deterministic (the same visitor keeps the same variant for the whole
// experiment), independent between experiments, and needs nothing stored.
import { createHash } from "node:crypto";
import type { TExperimentVariant } from "@anisong/db";

export function variantPosition(visitorId: string, experimentId: string): number {
  const digest = createHash("sha256").update(`${visitorId}:${experimentId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

export function chooseVariant<V extends Pick<TExperimentVariant, "weight">>(
  experiment: { id: string; variants: readonly V[] },
  visitorId: string,
): V {
  const total = experiment.variants.reduce((sum, v) => sum + v.weight, 0);
  const target = variantPosition(visitorId, experiment.id) * total;
  let cumulative = 0;
  for (const variant of experiment.variants) {
    cumulative += variant.weight;
    if (target < cumulative) return variant;
  }
  return experiment.variants[experiment.variants.length - 1]!;
}
