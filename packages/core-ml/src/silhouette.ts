// Exact silhouette (Rousseeuw 1987), euclidean, as scikit-learn computes it, in O(n·k) memory instead of an n×n
// distance matrix: one pass over each unordered pair adds d(i,j) to i's sum for j's cluster and to j's for i's.
import { DimensionMismatchError, InvalidLabelsError } from "./errors";
import { squaredDistance } from "./kernels";
import { toFlatMatrix } from "./matrix";

export interface TDenseLabels {
  dense: Int32Array;
  counts: Float64Array;
  k: number;
}

/** Labels as dense cluster ids 0…k−1 with their counts; throws InvalidLabelsError unless 2 ≤ k ≤ n − 1. */
export function denseLabels(labels: ArrayLike<number>, n: number): TDenseLabels {
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

/**
 * The points grouped by cluster (`grouped`, row-major), where grouped row p is original row order[p], and cluster l
 * holds grouped rows [start[l], start[l + 1]).
 */
export interface TClusterGrouping {
  grouped: Float64Array;
  order: Int32Array;
  start: Int32Array;
  n: number;
  d: number;
  k: number;
}

export function groupByCluster(
  data: Float64Array,
  n: number,
  d: number,
  dense: Int32Array,
  counts: Float64Array,
  k: number,
): TClusterGrouping {
  const start = new Int32Array(k + 1);
  for (let l = 0; l < k; l++) start[l + 1] = start[l]! + counts[l]!;
  const fill = start.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[dense[i]!]!++] = i;
  const grouped = new Float64Array(n * d);
  for (let p = 0; p < n; p++) grouped.set(data.subarray(order[p]! * d, order[p]! * d + d), p * d);
  return { grouped, order, start, n, d, k };
}

/**
 * Adds, for grouped rows p in [pFrom, pTo), every pair (p, q > p) to `towards` (towards[l * n + p]: Σ distance from
 * grouped point p to cluster l): the run of each cluster l for p accumulates in a register, and the reverse
 * contributions go to a contiguous row (towards[li * n + q]). Each unordered pair is visited once; workers of
 * `@anisong/core-ml/parallel` each take a range of rows with their own `towards`.
 */
export function addPairDistances(g: TClusterGrouping, pFrom: number, pTo: number, towards: Float64Array): void {
  const { grouped, start, n, d, k } = g;
  for (let li = 0; li < k; li++) {
    const rowLi = li * n;
    const first = Math.max(start[li]!, pFrom);
    const last = Math.min(start[li + 1]!, pTo);
    for (let p = first; p < last; p++) {
      for (let l = li; l < k; l++) {
        const from = l === li ? p + 1 : start[l]!;
        const acc =
          d === 9 ? runSum9(grouped, p, from, start[l + 1]!, towards, rowLi) : runSum(grouped, d, p, from, start[l + 1]!, towards, rowLi);
        towards[l * n + p]! += acc;
      }
    }
  }
}

/** Splits grouped rows [0, n) into `parts` contiguous ranges with about equal numbers of pairs (row p has n − 1 − p). */
export function pairBalancedRanges(n: number, parts: number): [number, number][] {
  const total = (n * (n - 1)) / 2;
  const ranges: [number, number][] = [];
  let from = 0;
  let done = 0;
  for (let part = 1; part <= parts; part++) {
    let to = from;
    const goal = (total * part) / parts;
    while (to < n && (part === parts || done + (n - 1 - to) <= goal)) done += n - 1 - to++;
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

/** Silhouette of each original row from the summed distances (towards, grouped order). */
export function silhouetteFromSums(g: TClusterGrouping, counts: Float64Array, towards: Float64Array): Float64Array {
  const { order, n, k } = g;
  const out = new Float64Array(n);
  for (let li = 0; li < k; li++) {
    const own = counts[li]!;
    // A point alone in its cluster scores 0 by definition.
    if (own <= 1) continue;
    for (let p = g.start[li]!; p < g.start[li + 1]!; p++) {
      const a = towards[li * n + p]! / (own - 1);
      let b = Infinity;
      for (let l = 0; l < k; l++) {
        if (l === li) continue;
        const mean = towards[l * n + p]! / counts[l]!;
        if (mean < b) b = mean;
      }
      const s = (b - a) / Math.max(a, b);
      out[order[p]!] = Number.isNaN(s) ? 0 : s; // a = b = 0 (duplicate points): sklearn's nan_to_num gives 0
    }
  }
  return out;
}

/** Σ_{q in [from, to)} ‖p − q‖, also adding each distance to towards[row + q]. */
function runSum(g: Float64Array, d: number, p: number, from: number, to: number, towards: Float64Array, row: number): number {
  let acc = 0;
  const a = p * d;
  for (let q = from, b = from * d; q < to; q++, b += d) {
    const dist = Math.sqrt(squaredDistance(g, a, g, b, d));
    acc += dist;
    towards[row + q]! += dist;
  }
  return acc;
}

// runSum for the nine features, with p's coordinates held in locals (about twice as fast as the generic loop).
function runSum9(g: Float64Array, p: number, from: number, to: number, towards: Float64Array, row: number): number {
  const a = p * 9;
  const x0 = g[a]!,
    x1 = g[a + 1]!,
    x2 = g[a + 2]!,
    x3 = g[a + 3]!,
    x4 = g[a + 4]!;
  const x5 = g[a + 5]!,
    x6 = g[a + 6]!,
    x7 = g[a + 7]!,
    x8 = g[a + 8]!;
  let acc = 0;
  for (let q = from, b = from * 9; q < to; q++, b += 9) {
    let t = x0 - g[b]!;
    let s = t * t;
    t = x1 - g[b + 1]!;
    s += t * t;
    t = x2 - g[b + 2]!;
    s += t * t;
    t = x3 - g[b + 3]!;
    s += t * t;
    t = x4 - g[b + 4]!;
    s += t * t;
    t = x5 - g[b + 5]!;
    s += t * t;
    t = x6 - g[b + 6]!;
    s += t * t;
    t = x7 - g[b + 7]!;
    s += t * t;
    t = x8 - g[b + 8]!;
    s += t * t;
    const dist = Math.sqrt(s);
    acc += dist;
    towards[row + q]! += dist;
  }
  return acc;
}

/** Per-sample silhouette of a flat row-major n × d matrix. */
export function silhouetteSamplesFlat(data: Float64Array, n: number, d: number, labels: ArrayLike<number>): Float64Array {
  const { dense, counts, k } = denseLabels(labels, n);
  const g = groupByCluster(data, n, d, dense, counts, k);
  const towards = new Float64Array(k * n);
  addPairDistances(g, 0, n, towards);
  return silhouetteFromSums(g, counts, towards);
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
