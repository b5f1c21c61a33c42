// k-means (Lloyd's algorithm) with greedy k-means++ seeding, n_init restarts and scikit-learn's stopping rules.
import { InvalidArgumentError } from "./errors";
import { kmeansPlusPlus } from "./kmeans-plus-plus";
import { toFlatMatrix } from "./matrix";
import { createRandom, type TRandom } from "./random";

export interface TKMeansOptions {
  /** Restarts from different seeds; the run with the lowest inertia wins. Default 10 (sklearn's classic default). */
  nInit?: number;
  /** Lloyd iterations per run. Default 300 (sklearn). */
  maxIterations?: number;
  /** Relative tolerance: stop when the total squared centre shift ≤ tolerance × mean column variance. Default 1e-4. */
  tolerance?: number;
  /** PRNG seed; the same seed gives the same result. Default 0. */
  seed?: number;
}

export interface TKMeansResult {
  centroids: number[][];
  labels: number[];
  /** Sum of squared distances of the points to their centroid. */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
}

export interface TKMeansFlatResult {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

/** Squared distance of row i to every centre; returns the nearest centre (lowest index wins ties). */
function nearest(data: Float64Array, a: number, centres: Float64Array, k: number, d: number): number {
  let best = 0;
  let bestDist = Infinity;
  for (let c = 0, b = 0; c < k; c++, b += d) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = data[a + j]! - centres[b + j]!;
      s += t * t;
    }
    if (s < bestDist) {
      bestDist = s;
      best = c;
    }
  }
  return best;
}

function squaredToCentre(data: Float64Array, a: number, centres: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = data[a + j]! - centres[b + j]!;
    s += t * t;
  }
  return s;
}

/**
 * An empty cluster takes the point farthest from its current centre (sklearn's relocation rule), so every run
 * ends with k non-empty clusters whenever there are at least k distinct points.
 */
function relocateEmpty(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  centres: Float64Array,
  labels: Int32Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const far = Array.from({ length: n }, (_, i) => i);
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = squaredToCentre(data, i * d, centres, labels[i]! * d, d);
  far.sort((x, y) => dist[y]! - dist[x]! || x - y);
  let next = 0;
  for (const c of empty) {
    // Take a far point whose own cluster keeps at least one member.
    while (next < n && counts[labels[far[next]!]!]! <= 1) next++;
    if (next >= n) return;
    const i = far[next++]!;
    const from = labels[i]!;
    for (let j = 0; j < d; j++) {
      sums[from * d + j]! -= data[i * d + j]!;
      sums[c * d + j] = data[i * d + j]!;
    }
    counts[from]!--;
    counts[c] = 1;
    labels[i] = c;
  }
}

function lloyd(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  initial: Float64Array,
  maxIterations: number,
  tolerance: number,
): TKMeansFlatResult {
  let centres: Float64Array = initial;
  let next: Float64Array = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const labels = new Int32Array(n).fill(-1);
  let iterations = 0;
  let strict = false;
  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    next.fill(0);
    counts.fill(0);
    let changed = 0;
    for (let i = 0, a = 0; i < n; i++, a += d) {
      const c = nearest(data, a, centres, k, d);
      if (labels[i] !== c) {
        changed++;
        labels[i] = c;
      }
      counts[c]!++;
      const b = c * d;
      for (let j = 0; j < d; j++) next[b + j]! += data[a + j]!;
    }
    relocateEmpty(data, n, d, k, centres, labels, next, counts);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const inv = counts[c]! > 0 ? 1 / counts[c]! : 0;
      for (let j = 0; j < d; j++) {
        const idx = c * d + j;
        // A cluster that stays empty (fewer distinct points than k) keeps its old centre.
        const v = counts[c]! > 0 ? next[idx]! * inv : centres[idx]!;
        next[idx] = v;
        const t = v - centres[idx]!;
        shift += t * t;
      }
    }
    const swap = centres;
    centres = next;
    next = swap;
    if (changed === 0) {
      strict = true;
      break;
    }
    if (shift <= tolerance) break;
  }
  // Stopped on the centre-shift tolerance: one more E-step so labels match the final centres (as sklearn does).
  if (!strict) for (let i = 0; i < n; i++) labels[i] = nearest(data, i * d, centres, k, d);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredToCentre(data, i * d, centres, labels[i]! * d, d);
  return { centroids: centres, labels, inertia, iterations };
}

function meanVariance(data: Float64Array, n: number, d: number): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data[i * d + j]!;
    const mu = sum / n;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const t = data[i * d + j]! - mu;
      sq += t * t;
    }
    total += sq / n;
  }
  return total / d;
}

/** k-means on a flat row-major n × d matrix (no copies; the hot path for big inputs). */
export function kmeansFlat(data: Float64Array, n: number, d: number, k: number, opts: TKMeansOptions = {}): TKMeansFlatResult {
  const nInit = opts.nInit ?? 10;
  const maxIterations = opts.maxIterations ?? 300;
  const tolerance = opts.tolerance ?? 1e-4;
  if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError(`k must be a positive integer, got ${k}`);
  if (n < k) throw new InvalidArgumentError(`k-means needs at least k = ${k} rows, got ${n}`);
  if (!Number.isInteger(nInit) || nInit < 1) throw new InvalidArgumentError(`nInit must be a positive integer, got ${nInit}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InvalidArgumentError(`maxIterations must be a positive integer, got ${maxIterations}`);
  }
  if (!(tolerance >= 0)) throw new InvalidArgumentError(`tolerance must be ≥ 0, got ${tolerance}`);
  const rng: TRandom = createRandom(opts.seed ?? 0);
  const absTolerance = tolerance * meanVariance(data, n, d);
  let best: TKMeansFlatResult | undefined;
  for (let run = 0; run < nInit; run++) {
    const initial = kmeansPlusPlus(data, n, d, k, rng);
    const result = lloyd(data, n, d, k, initial, maxIterations, absTolerance);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** k-means clustering of `data` rows into k clusters. Deterministic for a given seed. */
export function kmeans(data: number[][], k: number, opts: TKMeansOptions = {}): TKMeansResult {
  if (data.length === 0) throw new InvalidArgumentError("k-means needs at least one row");
  const m = toFlatMatrix(data);
  const r = kmeansFlat(m.data, m.rows, m.cols, k, opts);
  const centroids: number[][] = [];
  for (let c = 0; c < k; c++) centroids.push(Array.from(r.centroids.subarray(c * m.cols, (c + 1) * m.cols)));
  return { centroids, labels: Array.from(r.labels), inertia: r.inertia, iterations: r.iterations };
}
