// The query's candidates, scored only where needed: top(k) returns the best k songs of the cluster in ranking order
// (score desc, lower row first on ties). A song's ranking score is its cosine to the query point (clamped to
// [−1, 1]) plus its boost (clamped, boost-rows.ts). Not candidates: the seeds' and avoided songs' rows and, with a
// tempo range, every song outside it.
//
// One pass computes the cosines and keeps only the rows at or above a threshold that a strided sample of ~2,000
// cosines predicts to let about 1.5 k rows through (top-rows.ts); the boosted rows (a few hundred per cluster) are
// scored apart, since a boost can lift a row over the threshold. The result is exact: when fewer than k candidates
// clear the threshold, the pass is repeated without it. With a tempo range the pass reads only the cluster's rows in
// range, from a copy sorted by tempo (tempo-order.ts); for nine features the cosines are computed in WebAssembly,
// two rows per SIMD step, from a column copy of it (column-scan9.ts), with scan9 as the fallback. Scores are
// written only for the kept rows, into one reused buffer per cluster; a picked song's reported similarity is
// recomputed by cosineOfRow with the same arithmetic.
import type { TLibraryCluster, TPreparedLibrary } from "../prepare-library";
import { clusterBoosts, type TClusterBoosts } from "./boost-rows";
import { Scratch } from "./scratch";
import { SAMPLE_STRIDE, positionsInRange, scaledColumn, tempoOrder, type TTempoOrder } from "./tempo-order";
import { bucketRank } from "./bucket-rank";
import type { TTopRows } from "./top-rows";
import type { TColumnScan9 } from "../wasm/column-scan9";

/** Inclusive bounds on a scaled column (the tempo). */
export interface TTempoBounds {
  column: number;
  low: number;
  high: number;
}

export interface TScoreRules {
  cluster: number;
  /** Rows of this cluster never to recommend. */
  excludeRows: readonly number[];
  /** Inclusive bounds on the scaled tempo column, or undefined for no filter. */
  tempo?: TTempoBounds;
  /** The column the cluster's rows are kept sorted by (tempo-order.ts): the model's tempo column, else any. */
  sortColumn: number;
  boosts?: ReadonlyMap<string, number>;
}

/**
 * Unit vectors and key ids of the rows top() returned, copied by the scan while they were in the cache: the row's
 * vector is at units[slots[row] · d …], its songKey and artistKey ids at songs[slots[row]] and
 * artists[slots[row]]. MMR reads these ~500 vectors again, and the selection's checks the ids; from the cluster's
 * arrays they were cache misses. Rewritten by each top() call (the fields may then point to new arrays).
 */
export interface TCandidateVectors {
  units: Float64Array;
  slots: Int32Array;
  songs: Int32Array;
  artists: Int32Array;
}

export interface TCandidates {
  /** Ranking score per row, valid for the rows top() has returned (other entries are stale). */
  scores: Float64Array;
  vectors: TCandidateVectors;
  /**
   * The best min(k, candidates) rows, best first, and how many candidates there are. The rows array is reused: the
   * next top() call (of any query) overwrites it.
   */
  top(k: number): TTopRows;
}

// One score buffer per cluster, reused by every query of that cluster (a fresh 160 kB array per query was most of
// the garbage collector's work). Ranking is synchronous and nothing keeps the buffer after recommendSteered
// returns, so reuse cannot leak one query's scores into another.
const buffers = new WeakMap<TLibraryCluster, Float64Array>();
const scratch = new Scratch();
const copies = new Scratch();
const songIds = new Scratch();
const artistIds = new Scratch();
// top()'s rows, refilled by every call (a fresh 564-entry array was ≈ 4.5 kB of garbage per query).
const ranked: number[] = [];
// Below this many rows in range, a scan without a threshold costs less than sampling one.
const MIN_SAMPLED_RANGE = 4096;
// The sampled threshold aims at this many times k rows above it.
const SAMPLE_MARGIN = 1.5;
const NO_BOOSTS: TClusterBoosts = {
  rows: new Int32Array(0),
  boosts: new Float64Array(0),
  units: new Float64Array(0),
  norms: new Float64Array(0),
};

export function scanCandidates(prep: TPreparedLibrary, block: TLibraryCluster, unitQuery: Float64Array, rules: TScoreRules): TCandidates {
  const d = prep.dimensions;
  const size = block.norms.length;
  let scores = buffers.get(block);
  if (!scores) buffers.set(block, (scores = new Float64Array(size)));
  const tempo = rules.tempo;
  const order = tempoOrder(block, d, tempo ? tempo.column : rules.sortColumn);
  const { units, rows: rowAt } = order;
  const { from, to } = tempo ? positionsInRange(order.keys, tempo.low, tempo.high) : { from: 0, to: size };
  const inRange = (r: number): boolean => {
    if (!tempo) return true;
    const t = scaledColumn(block, d, tempo.column, r);
    return t >= tempo.low && t <= tempo.high;
  };
  const excluded = [...new Set(rules.excludeRows)].filter(inRange);
  const boosted = rules.boosts && rules.boosts.size > 0 ? clusterBoosts(prep, rules.boosts, rules.cluster) : NO_BOOSTS;
  const candidates = to - from - excluded.length;
  const out = scores;
  const vectors: TCandidateVectors = { units: copies.floats(0), slots: copies.ints(0), songs: songIds.ints(0), artists: artistIds.ints(0) };

  const top = (k: number): TTopRows => {
    const cap = Math.max(0, Math.floor(k));
    let threshold = sampledThreshold(order.sample, d, from, to, unitQuery, cap);
    for (;;) {
      const list = scratch.ints(to - from + boosted.rows.length);
      const kept: TKept = { scores: out, list, units: copies.floats((to - from + boosted.rows.length) * d), slots: copies.ints(size) };
      vectors.units = kept.units;
      vectors.slots = kept.slots;
      const scanned = order.columns
        ? keepScanned9(order.columns, units, rowAt, from, to, unitQuery, threshold, kept)
        : d === 9
          ? scan9(units, rowAt, from, to, unitQuery, threshold, kept)
          : scanAny(units, d, rowAt, from, to, unitQuery, threshold, kept);
      const length = keepBoosted(boosted, d, tempo, unitQuery, threshold, kept, scanned);
      vectors.songs = songIds.ints(length);
      vectors.artists = artistIds.ints(length);
      keepIds(block, order, scanned, length, kept.list, vectors);
      for (const r of excluded) out[r] = Number.NaN; // bucketRank skips NaN
      const rows = bucketRank(out, list, length, cap, threshold, ranked);
      // Every candidate at or above the threshold is in the list; if they were fewer than k, rows below it are missing.
      if (rows.length >= cap || threshold === -Infinity) return { rows, candidates };
      threshold = -Infinity;
    }
  };
  return { scores: out, vectors, top };
}

/**
 * A threshold with, by the sample of sorted positions [from, to) (every SAMPLE_STRIDE-th), about SAMPLE_MARGIN · cap
 * candidates at or above it; −Infinity when the range is small enough to scan whole.
 */
function sampledThreshold(sample: Float64Array, d: number, from: number, to: number, q: Float64Array, cap: number): number {
  if (to - from < MIN_SAMPLED_RANGE || cap === 0) return -Infinity;
  const first = Math.ceil(from / SAMPLE_STRIDE);
  const end = Math.ceil(to / SAMPLE_STRIDE);
  const rank = Math.ceil((SAMPLE_MARGIN * cap) / SAMPLE_STRIDE); // the rank-th largest sampled cosine
  if (rank >= (end - first) / 2) return -Infinity;
  const values = scratch.floats(end - first);
  if (d === 9) sampleCosines9(sample, first, end, q, values);
  else for (let i = first; i < end; i++) values[i - first] = clampCosine(dotAt(sample, i * d, q, d));
  return nthLargest(values, end - first, rank);
}

/**
 * Scores the boosted rows in range (cosine + boost) and keeps those the pass missed that now clear the threshold;
 * returns the new list length. A row the pass kept (cosine ≥ threshold) only gets its boost added to its score.
 */
function keepBoosted(
  boosted: TClusterBoosts,
  d: number,
  tempo: TTempoBounds | undefined,
  q: Float64Array,
  threshold: number,
  kept: TKept,
  length: number,
): number {
  const { rows, boosts, units, norms } = boosted;
  for (let i = 0; i < rows.length; i++) {
    if (tempo) {
      const t = units[i * d + tempo.column]! * norms[i]!; // as scaledColumn: the same bits
      if (!(t >= tempo.low && t <= tempo.high)) continue;
    }
    const r = rows[i]!;
    const c = cosineAt(units, i * d, d, q);
    const s = c + boosts[i]!;
    if (c >= threshold) kept.scores[r] = s;
    else if (s >= threshold) {
      kept.scores[r] = s;
      for (let j = 0; j < d; j++) kept.units[length * d + j] = units[i * d + j]!;
      kept.slots[r] = length;
      kept.list[length++] = r;
    }
  }
  return length;
}

/**
 * The key ids of the kept rows, by slot: for the first `scanned` (the pass's, in sorted order) from the tempo
 * order's sorted copy where the WebAssembly pass gave their positions (a forward walk), else from the cluster by row.
 */
function keepIds(
  block: TLibraryCluster,
  order: TTempoOrder,
  scanned: number,
  length: number,
  list: Int32Array,
  out: TCandidateVectors,
): void {
  const { songs, artists } = out;
  let i = 0;
  if (order.columns) {
    const positions = order.columns.positions;
    for (; i < scanned; i++) {
      songs[i] = order.songKeyIds[positions[i]!]!;
      artists[i] = order.artistKeyIds[positions[i]!]!;
    }
  }
  for (; i < length; i++) {
    songs[i] = block.songKeyIds[list[i]!]!;
    artists[i] = block.artistKeyIds[list[i]!]!;
  }
}

/** Row r's cosine to the unit query, exactly as scoreCandidates computed it before adding the boost. */
export function cosineOfRow(block: TLibraryCluster, d: number, r: number, unitQuery: Float64Array): number {
  return cosineAt(block.units, r * d, d, unitQuery);
}

/** The clamped cosine of the unit vector at units[b …] to the unit query q, with scan9's arithmetic. */
function cosineAt(u: Float64Array, b: number, d: number, q: Float64Array): number {
  if (d !== 9) return clampCosine(dotAt(u, b, q, d));
  // The same expression, in the same order, as scan9: the same bits.
  return clampCosine(
    q[0]! * u[b]! +
      q[1]! * u[b + 1]! +
      q[2]! * u[b + 2]! +
      q[3]! * u[b + 3]! +
      q[4]! * u[b + 4]! +
      q[5]! * u[b + 5]! +
      q[6]! * u[b + 6]! +
      q[7]! * u[b + 7]! +
      q[8]! * u[b + 8]!,
  );
}

// Unit-vector dot products can overshoot ±1 by an ulp; cosine is reported (and ranked) in its true range.
function clampCosine(c: number): number {
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

function dotAt(units: Float64Array, base: number, q: Float64Array, d: number): number {
  let dot = 0;
  for (let j = 0; j < d; j++) dot += q[j]! * units[base + j]!;
  return dot;
}

/** Where the scan puts a kept row r: its cosine in scores[r], r in list, its unit vector in units at slots[r]. */
export interface TKept {
  scores: Float64Array;
  list: Int32Array;
  units: Float64Array;
  slots: Int32Array;
}

/**
 * Keeps the rows at sorted positions [from, to) whose clamped cosine to q is at least `threshold` (see TKept);
 * returns how many. The general case of scan9.
 */
function scanAny(
  units: Float64Array,
  d: number,
  rowAt: Int32Array,
  from: number,
  to: number,
  q: Float64Array,
  threshold: number,
  kept: TKept,
): number {
  let length = 0;
  for (let p = from; p < to; p++) {
    const c = clampCosine(dotAt(units, p * d, q, d));
    if (c >= threshold) {
      const r = rowAt[p]!;
      kept.scores[r] = c;
      kept.units.set(units.subarray(p * d, p * d + d), length * d);
      kept.slots[r] = length;
      kept.list[length++] = r;
    }
  }
  return length;
}

/** scan9 with the cosine pass in WebAssembly (column-scan9.ts): the same kept rows, scores, copies and order. */
function keepScanned9(
  columns: TColumnScan9,
  units: Float64Array,
  rowAt: Int32Array,
  from: number,
  to: number,
  q: Float64Array,
  threshold: number,
  kept: TKept,
): number {
  const length = columns.scan(from, to, q, threshold);
  const { positions, cosines, vectors } = columns;
  const copy = kept.units;
  // The scan's own copy of the kept vectors where it made one (contiguous and hot), else the sorted rows.
  const copied = Math.min(length, vectors.length / 9);
  copy.set(vectors.subarray(0, copied * 9));
  for (let i = 0; i < length; i++) {
    const p = positions[i]!;
    const r = rowAt[p]!;
    kept.scores[r] = cosines[i]!;
    kept.slots[r] = i;
    kept.list[i] = r;
  }
  for (let i = copied; i < length; i++) {
    const b = positions[i]! * 9;
    const at = i * 9;
    copy[at] = units[b]!;
    copy[at + 1] = units[b + 1]!;
    copy[at + 2] = units[b + 2]!;
    copy[at + 3] = units[b + 3]!;
    copy[at + 4] = units[b + 4]!;
    copy[at + 5] = units[b + 5]!;
    copy[at + 6] = units[b + 6]!;
    copy[at + 7] = units[b + 7]!;
    copy[at + 8] = units[b + 8]!;
  }
  return length;
}

// scanAny for nine features, with the query in locals (V8 does not unroll short loops; see recommend.ts). The
// expression and its order are cosineOfRow's: the same bits.
export function scan9(
  units: Float64Array,
  rowAt: Int32Array,
  from: number,
  to: number,
  q: Float64Array,
  threshold: number,
  kept: TKept,
): number {
  const q0 = q[0]!,
    q1 = q[1]!,
    q2 = q[2]!,
    q3 = q[3]!,
    q4 = q[4]!,
    q5 = q[5]!,
    q6 = q[6]!,
    q7 = q[7]!,
    q8 = q[8]!;
  let length = 0;
  for (let p = from, b = from * 9; p < to; p++, b += 9) {
    const dot =
      q0 * units[b]! +
      q1 * units[b + 1]! +
      q2 * units[b + 2]! +
      q3 * units[b + 3]! +
      q4 * units[b + 4]! +
      q5 * units[b + 5]! +
      q6 * units[b + 6]! +
      q7 * units[b + 7]! +
      q8 * units[b + 8]!;
    const c = dot > 1 ? 1 : dot < -1 ? -1 : dot;
    if (c >= threshold) {
      const r = rowAt[p]!;
      kept.scores[r] = c;
      const at = length * 9;
      const copy = kept.units;
      copy[at] = units[b]!;
      copy[at + 1] = units[b + 1]!;
      copy[at + 2] = units[b + 2]!;
      copy[at + 3] = units[b + 3]!;
      copy[at + 4] = units[b + 4]!;
      copy[at + 5] = units[b + 5]!;
      copy[at + 6] = units[b + 6]!;
      copy[at + 7] = units[b + 7]!;
      copy[at + 8] = units[b + 8]!;
      kept.slots[r] = length;
      kept.list[length++] = r;
    }
  }
  return length;
}

/** The clamped cosines of sample rows [from, to) into out[0 …), unrolled as scan9 (the loop over d was 4× slower). */
function sampleCosines9(sample: Float64Array, from: number, to: number, q: Float64Array, out: Float64Array): void {
  const q0 = q[0]!,
    q1 = q[1]!,
    q2 = q[2]!,
    q3 = q[3]!,
    q4 = q[4]!,
    q5 = q[5]!,
    q6 = q[6]!,
    q7 = q[7]!,
    q8 = q[8]!;
  for (let i = from, b = from * 9; i < to; i++, b += 9) {
    const dot =
      q0 * sample[b]! +
      q1 * sample[b + 1]! +
      q2 * sample[b + 2]! +
      q3 * sample[b + 3]! +
      q4 * sample[b + 4]! +
      q5 * sample[b + 5]! +
      q6 * sample[b + 6]! +
      q7 * sample[b + 7]! +
      q8 * sample[b + 8]!;
    out[i - from] = dot > 1 ? 1 : dot < -1 ? -1 : dot;
  }
}

/**
 * The rank-th largest of values[0 … count) (1 ≤ rank ≤ count; no NaN), reordering them: quickselect (Hoare's
 * partition, middle pivot), O(count) on average — a bounded heap of `rank` entries cost ≈ 4× as much on the ~1,800
 * sampled cosines.
 */
export function nthLargest(values: Float64Array, count: number, rank: number): number {
  const k = rank - 1; // its index once values[0 … count) is sorted descending
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // j < k < i: values[k] equals the pivot
  }
  return values[k]!;
}
