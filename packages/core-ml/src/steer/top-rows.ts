// The best k rows of a score array in ranking order (score desc, lower row first on ties; NaN = not a candidate),
// with a bounded binary heap: one pass over the m scores, O(log k) for a row that enters the heap. A cluster's rows
// are in catalog order, where similar songs come in runs, so far more than the k · ln(m / k) rows of a random order
// would enter; a threshold taken from a strided sample of ~2,000 scores (its value with about 1.5 k rows above it)
// keeps all but about 1.5 k rows out with one comparison each. The result stays exact: when fewer than k candidates
// clear the threshold, the pass is repeated without it. Cheaper than quickselect (which copied and reordered all m
// scores) and than a sorted insertion buffer (O(k) per entering row). The heap lives in reused scratch arrays.
import { Scratch } from "./scratch";

export interface TTopRows {
  /** The best min(k, candidates) rows, best first. */
  rows: number[];
  /** How many rows are candidates (not NaN). */
  candidates: number;
}

const SAMPLE_SIZE = 2048;
const SAMPLE_MARGIN = 1.5;
const heap = new Scratch();

export function topRows(scores: Float64Array, k: number): TTopRows {
  const cap = Math.max(0, Math.floor(k));
  const threshold = sampledThreshold(scores, cap);
  const top = heapPass(scores, cap, threshold);
  // Every row at or above the threshold entered the heap; if they were fewer than k, rows below it are missing.
  return top.rows.length < cap && top.rows.length < top.candidates ? heapPass(scores, cap, -Infinity) : top;
}

/** The best `cap` rows among those scoring at least `threshold`, and the count of all candidates. */
function heapPass(scores: Float64Array, cap: number, threshold: number): TTopRows {
  // Min-heap on (score asc, row desc): the root is the worst kept row.
  const heapScores = heap.floats(cap);
  const heapRows = heap.ints(cap);
  let size = 0;
  let candidates = 0;
  for (let r = 0; r < scores.length; r++) {
    const s = scores[r]!;
    if (Number.isNaN(s)) continue;
    candidates++;
    if (s < threshold) continue;
    if (size < cap) {
      siftUp(heapScores, heapRows, size++, s, r);
    } else if (cap > 0 && s > heapScores[0]!) {
      // Rows arrive in ascending order, so a tie with the worst kept row loses (the lower row wins a tie).
      siftDown(heapScores, heapRows, size, s, r);
    }
  }
  return { rows: drain(heapScores, heapRows, size), candidates };
}

/**
 * A score with, by a strided sample, about SAMPLE_MARGIN · cap candidates at or above it; −Infinity when the
 * cluster is small enough to scan whole or the sample has too few candidates.
 */
function sampledThreshold(scores: Float64Array, cap: number): number {
  const plan = samplePlan(scores.length, cap);
  if (!plan) return -Infinity;
  const sample = heap.sample(Math.ceil(scores.length / plan.stride));
  let count = 0;
  for (let r = 0; r < scores.length; r += plan.stride) sample[count++] = scores[r]!;
  return kthLargest(sample, count, plan.rank);
}

/**
 * How to sample m scores for a threshold with about SAMPLE_MARGIN · cap rows above it: every stride-th score, and
 * the rank-th largest of those. Null when m is small enough to scan whole (or cap is 0, or the rank would be half
 * the sample).
 */
function samplePlan(m: number, cap: number): { stride: number; rank: number } | null {
  const stride = Math.floor(m / SAMPLE_SIZE);
  if (stride < 2 || cap === 0) return null;
  const rank = Math.ceil((SAMPLE_MARGIN * cap) / stride);
  return rank >= SAMPLE_SIZE / 2 ? null : { stride, rank };
}

/**
 * The rank-th largest of values[0 … count), or −Infinity when there are fewer: the threshold a strided sample gives
 * (see sampledThreshold).
 */
export function kthLargest(values: Float64Array, count: number, rank: number): number {
  if (rank <= 0 || count < rank) return -Infinity;
  const heapScores = heap.floats(rank);
  const heapRows = heap.ints(rank);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const s = values[i]!;
    if (Number.isNaN(s)) continue;
    if (size < rank) siftUp(heapScores, heapRows, size++, s, i);
    else if (s > heapScores[0]!) siftDown(heapScores, heapRows, size, s, i);
  }
  return size < rank ? -Infinity : heapScores[0]!;
}

/** Pops a heap of `size` entries until empty: its rows, best first. */
function drain(heapScores: Float64Array, heapRows: Int32Array, size: number): number[] {
  const rows = new Array<number>(size);
  for (let n = size; n > 0; n--) {
    rows[n - 1] = heapRows[0]!;
    if (n > 1) siftDown(heapScores, heapRows, n - 1, heapScores[n - 1]!, heapRows[n - 1]!);
  }
  return rows;
}

/** Whether (sa, ra) ranks below (sb, rb): lower score, or the same score and a higher row. */
function worse(sa: number, ra: number, sb: number, rb: number): boolean {
  return sa < sb || (sa === sb && ra > rb);
}

function siftUp(scores: Float64Array, rows: Int32Array, at: number, s: number, r: number): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(s, r, scores[parent]!, rows[parent]!)) break;
    scores[i] = scores[parent]!;
    rows[i] = rows[parent]!;
    i = parent;
  }
  scores[i] = s;
  rows[i] = r;
}

/** Puts (s, r) at the root of a heap of `size` entries and sifts it down. */
function siftDown(scores: Float64Array, rows: Int32Array, size: number, s: number, r: number): void {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && worse(scores[right]!, rows[right]!, scores[child]!, rows[child]!)) child = right;
    if (!worse(scores[child]!, rows[child]!, s, r)) break;
    scores[i] = scores[child]!;
    rows[i] = rows[child]!;
    i = child;
  }
  scores[i] = s;
  rows[i] = r;
}
