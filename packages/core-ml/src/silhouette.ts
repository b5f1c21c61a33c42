// Exact silhouette (Rousseeuw 1987), euclidean, as scikit-learn computes it, in O(n·k) memory instead of an n×n
// distance matrix: one pass over each unordered pair adds d(i,j) to i's sum for j's cluster and to j's for i's.
import { DimensionMismatchError, InvalidLabelsError } from "./errors";
import { toFlatMatrix } from "./matrix";

interface TDenseLabels {
  dense: Int32Array;
  counts: Float64Array;
  k: number;
}

function denseLabels(labels: ArrayLike<number>, n: number): TDenseLabels {
  if (labels.length !== n) throw new DimensionMismatchError(n, labels.length, "labels");
  const ids = new Map<number, number>();
  const dense = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (!Number.isFinite(l)) throw new InvalidLabelsError(`label ${i} is not a finite number (${l})`);
    let id = ids.get(l);
    if (id === undefined) {
      id = ids.size;
      ids.set(l, id);
    }
    dense[i] = id;
  }
  const k = ids.size;
  if (k < 2 || k > n - 1) {
    throw new InvalidLabelsError(`silhouette needs 2 to n-1 = ${n - 1} distinct labels, got ${k}`);
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[dense[i]!]!++;
  return { dense, counts, k };
}

/** Sum of distances from every point to each cluster (n × k), each pair visited once. */
function clusterDistanceSums(data: Float64Array, n: number, d: number, dense: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const a = i * d;
    const li = dense[i]!;
    const rowI = i * k;
    for (let j = i + 1, b = (i + 1) * d; j < n; j++, b += d) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[a + t]! - data[b + t]!;
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      sums[rowI + dense[j]!]! += dist;
      sums[j * k + li]! += dist;
    }
  }
  return sums;
}

/** Per-sample silhouette of a flat row-major n × d matrix. */
export function silhouetteSamplesFlat(data: Float64Array, n: number, d: number, labels: ArrayLike<number>): Float64Array {
  const { dense, counts, k } = denseLabels(labels, n);
  const sums = clusterDistanceSums(data, n, d, dense, k);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const li = dense[i]!;
    const own = counts[li]!;
    // A point alone in its cluster scores 0 by definition.
    if (own <= 1) continue;
    const a = sums[i * k + li]! / (own - 1);
    let b = Infinity;
    for (let l = 0; l < k; l++) {
      if (l === li) continue;
      const mean = sums[i * k + l]! / counts[l]!;
      if (mean < b) b = mean;
    }
    const s = (b - a) / Math.max(a, b);
    out[i] = Number.isNaN(s) ? 0 : s; // a = b = 0 (duplicate points): sklearn's nan_to_num gives 0
  }
  return out;
}

export function silhouetteScoreFlat(data: Float64Array, n: number, d: number, labels: ArrayLike<number>): number {
  const samples = silhouetteSamplesFlat(data, n, d, labels);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i]!;
  return sum / n;
}

/** Silhouette coefficient of every sample (euclidean). Throws InvalidLabelsError unless 2 ≤ distinct labels ≤ n−1. */
export function silhouetteSamples(data: number[][], labels: ArrayLike<number>): Float64Array {
  const m = toFlatMatrix(data);
  return silhouetteSamplesFlat(m.data, m.rows, m.cols, labels);
}

/** Mean silhouette coefficient over all samples (sklearn's silhouette_score with metric="euclidean"). */
export function silhouetteScore(data: number[][], labels: ArrayLike<number>): number {
  const m = toFlatMatrix(data);
  return silhouetteScoreFlat(m.data, m.rows, m.cols, labels);
}
