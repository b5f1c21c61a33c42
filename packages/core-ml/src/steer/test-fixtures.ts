// Shared by the recommend and steering tests: a three-cluster model over the nine features and random songs in
// realistic ranges. Not exported from the package.
import { FEATURE_NAMES, type TAudioFeatures } from "../features";
import { createModelArtifact } from "../model-artifact";
import type { TRandom } from "../random";

export function steerTestModel(trainingDataHash: string) {
  return createModelArtifact({
    featureNames: [...FEATURE_NAMES],
    scaler: { mean: [0.5, 0.5, -8, 0.05, 0.3, 0.01, 0.15, 0.5, 120], scale: [0.15, 0.2, 3, 0.05, 0.3, 0.2, 0.1, 0.25, 30] },
    k: 3,
    centroids: [
      [0.5, 1.5, 1, 0, -1, 0, 0, 0.5, 0.3],
      [-0.5, -1.2, -1, 0, 1.5, 0.3, 0, -0.4, -0.3],
      [0, 0, 0, 1, 0, 1, 1, -1, 0],
    ],
    assignment: "cosine",
    inertia: 1,
    silhouette: 0.3,
    trainingRows: 100,
    trainingDataHash,
  });
}

/** `wholeTempo`: whole BPM values half the time, so songs sit exactly on a range's bounds and tie in tempo order. */
export function randomFeatures(rng: TRandom, opts: { wholeTempo?: boolean } = {}): TAudioFeatures {
  return {
    danceability: rng.next(),
    energy: rng.next(),
    loudness: -20 + 18 * rng.next(),
    speechiness: rng.next() * 0.3,
    acousticness: rng.next(),
    instrumentalness: rng.next() * 0.5,
    liveness: rng.next() * 0.6,
    valence: rng.next(),
    tempo: opts.wholeTempo && rng.next() < 0.5 ? 70 + rng.int(110) : 70 + 110 * rng.next(),
  };
}
