// Nearest centroid: by cosine (the seed's rule for placing a searched song) or by euclidean distance (k-means' own).
import { cosineSimilarity } from "./cosine";
import { DimensionMismatchError, InvalidArgumentError } from "./errors";

export type TAssignmentMetric = "cosine" | "euclidean";

export interface TAssignOptions {
  metric?: TAssignmentMetric;
}

/** Index of the nearest centroid (lowest index on ties). Default metric: cosine. */
export function assignCluster(scaled: ArrayLike<number>, centroids: ArrayLike<number>[], opts: TAssignOptions = {}): number {
  const metric = opts.metric ?? "cosine";
  if (centroids.length === 0) throw new InvalidArgumentError("no centroids to assign to");
  for (let j = 0; j < scaled.length; j++) {
    if (!Number.isFinite(scaled[j]!)) throw new InvalidArgumentError(`vector component ${j} is not finite (${scaled[j]})`);
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const centre = centroids[c]!;
    if (centre.length !== scaled.length) throw new DimensionMismatchError(scaled.length, centre.length, `centroid ${c}`);
    let score: number;
    if (metric === "cosine") {
      score = cosineSimilarity(scaled, centre);
    } else {
      let s = 0;
      for (let j = 0; j < scaled.length; j++) {
        const t = scaled[j]! - centre[j]!;
        s += t * t;
      }
      score = -s;
    }
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}
