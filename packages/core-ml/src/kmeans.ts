// k-means (Lloyd's algorithm) with greedy k-means++ seeding, n_init restarts and scikit-learn's stopping rules.
import { DimensionMismatchError, InvalidArgumentError } from "./errors";
import { nearestTwo, squaredDistance } from "./kernels";
import { createSeedAssignment, kmeansPlusPlus, seedingDraws, type TSeedAssignment } from "./kmeans-plus-plus";
import { toFlatMatrix } from "./matrix";
import { createRandom, type TRandom } from "./random";
import { wasmLloydArrays, type TWasmLloydArrays } from "./wasm/lloyd-arrays";

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
  for (let i = 0; i < n; i++) dist[i] = squaredDistance(data, i * d, centres, labels[i]! * d, d);
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

/**
 * One k-means run's working state: the data, the current centres, labels, Hamerly's two bounds per point, the running
 * cluster sums and the last centre moves. The assignment passes read it into locals once at the top, so passing one
 * object costs nothing measurable against the former 16 positional parameters.
 */
interface TLloydState {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** Current centres (k × d); swapped with the next buffer after every update. */
  centres: Float64Array;
  readonly labels: Int32Array;
  /** Upper bound on each point's distance to its own centre. */
  readonly upper: Float64Array;
  /** Lower bound on each point's distance to any other centre. */
  readonly lower: Float64Array;
  /** Half the distance from each centre to its nearest other centre. */
  readonly half: Float64Array;
  /** Scratch for nearestTwo. */
  readonly two: Float64Array;
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /** Distance each centre moved in the last update, applied lazily to the bounds by assignBounded. */
  readonly moved: Float64Array;
  /** The centre that moved farthest (−1: none), its move, and the largest move of any other centre. */
  farIndex: number;
  far1: number;
  far2: number;
  /** Per centre, how far its points' lower bounds drop this pass (far2 for farIndex, far1 for the others). */
  readonly drop: Float64Array;
  /** Nine features with WebAssembly available: the arrays above live in its memory and the pass runs there. */
  readonly wasm: TWasmLloydArrays | undefined;
}

/** Full assignment: every point against every centre; resets both bounds. */
function assignAll(st: TLloydState): number {
  const { data, n, d, k, centres, labels, upper, lower, two, sums, counts } = st;
  let changed = 0;
  for (let i = 0, a = 0; i < n; i++, a += d) {
    const c = nearestTwo(data, a, centres, k, d, two);
    upper[i] = two[0]!;
    lower[i] = two[1]!;
    const old = labels[i]!;
    if (old !== c) {
      changed++;
      moveMember(data, a, d, old, c, sums, counts);
      labels[i] = c;
    }
  }
  return changed;
}

/**
 * assignAll's result taken from the seeding (same labels, bounds and sums bit for bit: the seeding computed the same
 * distances against the same centres, and the sums are built in row order as assignAll's moves would).
 */
function adoptSeedAssignment(st: TLloydState, seeded: TSeedAssignment): number {
  const { data, n, d, k, labels, upper, lower, sums, counts } = st;
  for (let i = 0, a = 0; i < n; i++, a += d) {
    const c = seeded.labels[i]!;
    upper[i] = Math.sqrt(seeded.nearestSq[i]!);
    // With one centre there is no second: nearestTwo's Infinity rather than the seeding's MAX_VALUE placeholder.
    lower[i] = k > 1 ? Math.sqrt(seeded.secondSq[i]!) : Infinity;
    labels[i] = c;
    if (d !== 9) {
      moveMember(data, a, d, -1, c, sums, counts);
      continue;
    }
    // moveMember(−1 → c) by hand for nine features (the generic loop is a third of this pass).
    counts[c]!++;
    const b = c * 9;
    sums[b]! += data[a]!;
    sums[b + 1]! += data[a + 1]!;
    sums[b + 2]! += data[a + 2]!;
    sums[b + 3]! += data[a + 3]!;
    sums[b + 4]! += data[a + 4]!;
    sums[b + 5]! += data[a + 5]!;
    sums[b + 6]! += data[a + 6]!;
    sums[b + 7]! += data[a + 7]!;
    sums[b + 8]! += data[a + 8]!;
  }
  return n;
}

/** Moves row a's contribution from cluster `from` (−1: none) to cluster `to` in the running sums. */
function moveMember(data: Float64Array, a: number, d: number, from: number, to: number, sums: Float64Array, counts: Float64Array): void {
  if (from >= 0) {
    counts[from]!--;
    for (let j = 0, b = from * d; j < d; j++) sums[b + j]! -= data[a + j]!;
  }
  counts[to]!++;
  for (let j = 0, b = to * d; j < d; j++) sums[b + j]! += data[a + j]!;
}

/** Exact per-cluster sums and counts from the labels (removes the round-off the running sums pick up). */
function recomputeSums(data: Float64Array, n: number, d: number, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
  sums.fill(0);
  counts.fill(0);
  for (let i = 0, a = 0; i < n; i++, a += d) {
    const c = labels[i]!;
    counts[c]!++;
    for (let j = 0, b = c * d; j < d; j++) sums[b + j]! += data[a + j]!;
  }
}

/** Hamerly assignment (after applying the centre moves to the bounds): a point whose upper bound is below max(lower bound, half gap to the nearest other centre) keeps its centre. */
function assignBounded(st: TLloydState): number {
  const { data, n, d, k, centres, labels, upper, lower, half, two, sums, counts, moved, farIndex, far1, far2 } = st;
  for (let c = 0; c < k; c++) {
    let m = Infinity;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = centres[c * d + j]! - centres[o * d + j]!;
        s += t * t;
      }
      if (s < m) m = s;
    }
    half[c] = Math.sqrt(m) / 2;
  }
  if (d === 9) {
    const { drop, farIndex, far1, far2 } = st;
    for (let c = 0; c < k; c++) drop[c] = c === farIndex ? far2 : far1;
    return st.wasm ? st.wasm.assign(centres) : assignBounded9(st);
  }
  let changed = 0;
  for (let i = 0, a = 0; i < n; i++, a += d) {
    const own = labels[i]!;
    // Bounds catch up with the last centre moves here rather than in a separate pass over the points.
    const h = half[own]!;
    const l = lower[i]! - (own === farIndex ? far2 : far1);
    lower[i] = l;
    const bound = h > l ? h : l;
    const up = upper[i]! + moved[own]!;
    upper[i] = up;
    if (up <= bound) continue;
    const u = Math.sqrt(squaredDistance(data, a, centres, own * d, d));
    upper[i] = u;
    if (u <= bound) continue;
    const c = nearestTwo(data, a, centres, k, d, two);
    upper[i] = two[0]!;
    lower[i] = two[1]!;
    if (c !== own) {
      moveMember(data, a, d, own, c, sums, counts);
      labels[i] = c;
      changed++;
    }
  }
  return changed;
}

/**
 * assignBounded for the nine features: the point's coordinates are loaded once for the tighten and the full step.
 * The full step repeats kernels.nearestTwo by hand on purpose: calling it costs ~8 % of k-means time on the
 * 114,000-song catalog (0.86 s → 0.93 s, k = 5, nInit = 10). Which way the comparisons go is unpredictable from
 * point to point, so they are turned into 0/1 values (`+(a > b)`, which V8 compiles without a jump, unlike a
 * ternary or Math.max) and combined arithmetically; ≈ 7 % less CPU for the whole k-means, same results bit for bit.
 */
function assignBounded9(st: TLloydState): number {
  const { data, n, k, centres, labels, upper, lower, half, sums, counts, moved, drop } = st;
  let changed = 0;
  for (let i = 0, a = 0; i < n; i++, a += 9) {
    const own = labels[i]!;
    const h = half[own]!;
    const l = lower[i]! - drop[own]!;
    lower[i] = l;
    const up = upper[i]! + moved[own]!;
    upper[i] = up;
    if ((+(up > h) & +(up > l)) === 0) continue;
    const x0 = data[a]!,
      x1 = data[a + 1]!,
      x2 = data[a + 2]!,
      x3 = data[a + 3]!,
      x4 = data[a + 4]!;
    const x5 = data[a + 5]!,
      x6 = data[a + 6]!,
      x7 = data[a + 7]!,
      x8 = data[a + 8]!;
    let b = own * 9;
    let t = x0 - centres[b]!;
    let s = t * t;
    t = x1 - centres[b + 1]!;
    s += t * t;
    t = x2 - centres[b + 2]!;
    s += t * t;
    t = x3 - centres[b + 3]!;
    s += t * t;
    t = x4 - centres[b + 4]!;
    s += t * t;
    t = x5 - centres[b + 5]!;
    s += t * t;
    t = x6 - centres[b + 6]!;
    s += t * t;
    t = x7 - centres[b + 7]!;
    s += t * t;
    t = x8 - centres[b + 8]!;
    s += t * t;
    const u = Math.sqrt(s);
    upper[i] = u;
    if ((+(u > h) & +(u > l)) === 0) continue;
    // The own centre's distance is s already; only the other k − 1 are computed. The running nearest and second
    // nearest are picked with arithmetic selects, not branches (which centre is nearer is unpredictable):
    // lt·x + (1 − lt)·y is exactly x or y for finite x, y, and the rule is the branching one (strictly nearer wins,
    // the lower index on ties).
    const ownSq = s;
    let best = 0;
    let bestSq = 0;
    let secondSq = 0;
    for (let c = 0; c < k; c++) {
      if (c === own) {
        s = ownSq;
      } else {
        b = c * 9;
        t = x0 - centres[b]!;
        s = t * t;
        t = x1 - centres[b + 1]!;
        s += t * t;
        t = x2 - centres[b + 2]!;
        s += t * t;
        t = x3 - centres[b + 3]!;
        s += t * t;
        t = x4 - centres[b + 4]!;
        s += t * t;
        t = x5 - centres[b + 5]!;
        s += t * t;
        t = x6 - centres[b + 6]!;
        s += t * t;
        t = x7 - centres[b + 7]!;
        s += t * t;
        t = x8 - centres[b + 8]!;
        s += t * t;
      }
      if (c === 0) {
        bestSq = s;
        secondSq = Infinity;
      } else if (c === 1) {
        const lt = +(s < bestSq);
        best = lt;
        secondSq = lt * bestSq + (1 - lt) * s;
        bestSq = lt * s + (1 - lt) * bestSq;
      } else {
        const lt = +(s < bestSq);
        const lt2 = +(s < secondSq);
        secondSq = lt * bestSq + (1 - lt) * (lt2 * s + (1 - lt2) * secondSq);
        bestSq = lt * s + (1 - lt) * bestSq;
        best += lt * (c - best);
      }
    }
    upper[i] = Math.sqrt(bestSq);
    lower[i] = Math.sqrt(secondSq);
    if (best !== own) {
      moveMember(data, a, 9, own, best, sums, counts);
      labels[i] = best;
      changed++;
    }
  }
  return changed;
}

/**
 * Lloyd's algorithm with Hamerly's (2010) bounds: each point keeps an upper bound on the distance to its centre and
 * a lower bound on the distance to any other centre, so most points skip the k distance computations once the
 * centres settle. The assignments are those of plain Lloyd (except that a point exactly equidistant to two centres
 * keeps its current one); the stopping rules are scikit-learn's (labels unchanged, or total squared centre shift ≤
 * tolerance).
 */
function lloyd(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  initial: Float64Array,
  maxIterations: number,
  tolerance: number,
  seeded?: TSeedAssignment,
  /** wasmLloydArrays(data, n, k) for nine features (made once per call of the caller: it copies the data in). */
  wasm?: TWasmLloydArrays,
): TKMeansFlatResult {
  wasm?.centres.set(initial);
  let next: Float64Array = wasm?.next ?? new Float64Array(k * d);
  const st: TLloydState = {
    data: wasm?.data ?? data,
    n,
    d,
    k,
    centres: wasm?.centres ?? initial,
    labels: (wasm?.labels ?? new Int32Array(n)).fill(-1),
    upper: wasm?.upper ?? new Float64Array(n),
    lower: wasm?.lower ?? new Float64Array(n),
    half: wasm?.half ?? new Float64Array(k),
    two: new Float64Array(2),
    // Running member sums and counts, updated only for points that change cluster (the M-step costs O(changes)).
    sums: wasm?.sums ?? new Float64Array(k * d),
    counts: wasm?.counts ?? new Float64Array(k),
    moved: wasm?.moved ?? new Float64Array(k),
    farIndex: -1,
    far1: 0,
    far2: 0,
    drop: wasm?.drop ?? new Float64Array(k),
    wasm,
  };
  const { labels, sums, counts, moved } = st;
  // The WebAssembly arrays are reused from the previous run: the sums and counts must start at zero.
  sums.fill(0);
  counts.fill(0);
  let boundsValid = false;
  let iterations = 0;
  let strict = false;

  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    const centres = st.centres;
    const changed = boundsValid ? assignBounded(st) : it === 0 && seeded ? adoptSeedAssignment(st, seeded) : assignAll(st);
    boundsValid = true;
    let relocated = false;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        relocateEmpty(data, n, d, k, centres, labels, sums, counts);
        boundsValid = false;
        relocated = true;
        break;
      }
    }
    if (changed === 0 && !relocated) {
      strict = true;
      break;
    }
    let shift = 0;
    let far1 = 0;
    let far2 = 0;
    let farIndex = -1;
    for (let c = 0; c < k; c++) {
      const inv = counts[c]! > 0 ? 1 / counts[c]! : 0;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const idx = c * d + j;
        // A cluster that stays empty (fewer distinct points than k) keeps its old centre.
        const v = counts[c]! > 0 ? sums[idx]! * inv : centres[idx]!;
        next[idx] = v;
        const t = v - centres[idx]!;
        s += t * t;
      }
      shift += s;
      const p = Math.sqrt(s);
      moved[c] = p;
      if (p > far1) {
        far2 = far1;
        far1 = p;
        farIndex = c;
      } else if (p > far2) far2 = p;
    }
    st.farIndex = farIndex;
    st.far1 = far1;
    st.far2 = far2;
    st.centres = next;
    next = centres;
    if (shift <= tolerance) break;
  }
  const centres = st.centres;
  if (strict) {
    // Labels did not change, so the centres are the member means; recompute them exactly.
    recomputeSums(data, n, d, labels, sums, counts);
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j]! / counts[c]!;
    }
  } else if (boundsValid) {
    // Stopped on the centre-shift tolerance: one more assignment so labels match the final centres (as sklearn does).
    assignBounded(st);
  } else {
    assignAll(st);
  }
  let inertia = 0;
  if (wasm) inertia = wasm.inertia(centres);
  else for (let i = 0; i < n; i++) inertia += squaredDistance(data, i * d, centres, labels[i]! * d, d);
  // Copies out of the WebAssembly memory, so that it can be collected with the run.
  return wasm
    ? { centroids: centres.slice(), labels: labels.slice(), inertia, iterations }
    : { centroids: centres, labels, inertia, iterations };
}

/** Mean of the column variances, in two row-major passes (all columns at once, not one strided pass per column). */
function meanVariance(data: Float64Array, n: number, d: number): number {
  const mu = new Float64Array(d);
  for (let i = 0, a = 0; i < n; i++, a += d) for (let j = 0; j < d; j++) mu[j]! += data[a + j]!;
  for (let j = 0; j < d; j++) mu[j]! /= n;
  const sq = new Float64Array(d);
  for (let i = 0, a = 0; i < n; i++, a += d) {
    for (let j = 0; j < d; j++) {
      const t = data[a + j]! - mu[j]!;
      sq[j]! += t * t;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += sq[j]! / n;
  return total / d;
}

/** Validated k-means settings with their defaults applied; `tolerance` is absolute (already × mean variance). */
export interface TKMeansPlan {
  k: number;
  nInit: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
}

/** Checks the matrix and options and resolves the defaults (shared by the single-thread and the parallel entry). */
export function planKmeans(data: Float64Array, n: number, d: number, k: number, opts: TKMeansOptions = {}): TKMeansPlan {
  if (!Number.isInteger(n) || !Number.isInteger(d) || d < 1 || data.length !== n * d) {
    throw new DimensionMismatchError(n * d, data.length, `flat ${n} × ${d} matrix`);
  }
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
  return { k, nInit, maxIterations, tolerance: tolerance * meanVariance(data, n, d), seed: opts.seed ?? 0 };
}

/**
 * Restart number `run` of a plan. Restarts draw from one seeded stream in order and each seeding takes a fixed number
 * of draws, so restart r starts r × seedingDraws(k) draws into the stream: any restart can run on its own (on any
 * thread) and give exactly what it gives in the sequential loop.
 */
export function kmeansRestart(data: Float64Array, n: number, d: number, plan: TKMeansPlan, run: number): TKMeansFlatResult {
  const rng: TRandom = createRandom(plan.seed);
  for (let i = run * seedingDraws(plan.k); i > 0; i--) rng.next();
  const wasm = d === 9 ? wasmLloydArrays(data, n, plan.k) : undefined;
  const seeded = wasm?.seeding?.assignment ?? createSeedAssignment(n);
  const initial = kmeansPlusPlus(data, n, d, plan.k, rng, seeded, wasm?.seeding);
  return lloyd(data, n, d, plan.k, initial, plan.maxIterations, plan.tolerance, seeded, wasm);
}

/** The restart with the lowest inertia wins; on equal inertia the earlier restart (the sequential loop's rule). */
export function isBetterRestart(a: TKMeansFlatResult, aRun: number, b: TKMeansFlatResult | undefined, bRun: number): boolean {
  return !b || a.inertia < b.inertia || (a.inertia === b.inertia && aRun < bRun);
}

/** k-means on a flat row-major n × d matrix (no copy and no per-value check: the caller supplies finite values). */
export function kmeansFlat(data: Float64Array, n: number, d: number, k: number, opts: TKMeansOptions = {}): TKMeansFlatResult {
  const plan = planKmeans(data, n, d, k, opts);
  const rng: TRandom = createRandom(plan.seed);
  let best: TKMeansFlatResult | undefined;
  const wasm = d === 9 ? wasmLloydArrays(data, n, k) : undefined;
  const seeded = wasm?.seeding?.assignment ?? createSeedAssignment(n);
  for (let run = 0; run < plan.nInit; run++) {
    const initial = kmeansPlusPlus(data, n, d, k, rng, seeded, wasm?.seeding);
    const result = lloyd(data, n, d, k, initial, plan.maxIterations, plan.tolerance, seeded, wasm);
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
