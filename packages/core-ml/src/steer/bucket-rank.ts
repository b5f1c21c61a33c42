// The best `cap` rows of a short candidate list in ranking order (score desc, lower row first on ties) by a bucket
// sort: the scan's list (~1,200 rows for a pool of 564) comes in tempo order, random by score, where a bounded heap
// sifted ~1,000 rows in and 564 out (~0.1 ms). Scores are spread over buckets linearly between the list's best and
// worst (IEEE subtraction and multiplication are monotone, so a better score never lands in a later bucket), each
// bucket is sorted exactly, and only the buckets up to the cap-th row are sorted at all: O(m) for the usual few rows
// per bucket.
import { Scratch } from "./scratch";

// Reused working arrays (see scratch.ts): the passing rows, the bucket bounds, the rows in bucket order, the fill.
const scratch = new Scratch();
const orderScratch = new Scratch();
const sorted = new Scratch();
const next = new Scratch();
// Buckets this short are insertion-sorted; longer ones (many equal or bunched scores) by a comparison sort.
const INSERTION_MAX = 24;

/** Whether (sa, ra) ranks before (sb, rb). */
function before(sa: number, ra: number, sb: number, rb: number): boolean {
  return sa > sb || (sa === sb && ra < rb);
}

/**
 * The best `cap` rows of list[0 … length) among those scoring at least `threshold` (NaN never does), best first:
 * fewer than cap when fewer clear it. Written into `into` (its old entries dropped) when given, else a new array.
 */
export function bucketRank(
  scores: Float64Array,
  list: Int32Array,
  length: number,
  cap: number,
  threshold: number,
  into?: number[],
): number[] {
  // The rows that clear the threshold, with their scores, and the best and worst of those scores.
  const rows = scratch.ints(length);
  const vals = scratch.floats(length);
  let m = 0;
  let best = -Infinity;
  let worst = Infinity;
  for (let i = 0; i < length; i++) {
    const r = list[i]!;
    const s = scores[r]!;
    if (!(s >= threshold)) continue;
    rows[m] = r;
    vals[m++] = s;
    if (s > best) best = s;
    if (s < worst) worst = s;
  }
  const out = into ?? [];
  if (m === 0 || cap <= 0) {
    out.length = 0;
    return out;
  }
  const buckets = Math.max(1, Math.min(m, 4096));
  const spread = best - worst;
  const factor = spread > 0 ? (buckets - 1) / spread : 0;
  // Counting sort by bucket (bucket 0 holds the best scores).
  const starts = orderScratch.ints(buckets + 1);
  starts.fill(0, 0, buckets + 1);
  // Each row's bucket: (best − s) · factor is ≥ 0, so | 0 floors it (an int, where a double returned by a helper
  // was boxed on every call); min() catches a product that rounds past the last bucket.
  const bucketOf = orderScratch.sample(m);
  const last = buckets - 1;
  for (let i = 0; i < m; i++) {
    const b = ((best - vals[i]!) * factor) | 0;
    bucketOf[i] = b < last ? b : last;
    starts[bucketOf[i]! + 1]!++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
  const orderRows = sorted.ints(m);
  const orderVals = sorted.floats(m);
  const fill = next.ints(buckets);
  fill.set(starts.subarray(0, buckets));
  for (let i = 0; i < m; i++) {
    const at = fill[bucketOf[i]!]!++;
    orderRows[at] = rows[i]!;
    orderVals[at] = vals[i]!;
  }
  const count = Math.min(cap, m);
  let b = 0;
  for (let taken = 0; taken < count; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from > 1) sortRange(orderRows, orderVals, from, to);
    taken = to;
  }
  // Overwritten in place, then cut to length (emptying it first dropped its storage, regrown on every call).
  for (let i = 0; i < count; i++) out[i] = orderRows[i]!;
  out.length = count;
  return out;
}

/** Sorts positions [from, to) of (rows, vals) into ranking order. */
function sortRange(rows: Int32Array, vals: Float64Array, from: number, to: number): void {
  if (to - from <= INSERTION_MAX) {
    for (let i = from + 1; i < to; i++) {
      const r = rows[i]!;
      const s = vals[i]!;
      let j = i - 1;
      while (j >= from && before(s, r, vals[j]!, rows[j]!)) {
        rows[j + 1] = rows[j]!;
        vals[j + 1] = vals[j]!;
        j--;
      }
      rows[j + 1] = r;
      vals[j + 1] = s;
    }
    return;
  }
  heapSortRange(rows, vals, from, to);
}

/**
 * Sorts positions [from, to) of (rows, vals) into ranking order in place (heapsort: O(b log b) for a long bucket of
 * equal or bunched scores, and no garbage; a sorted copy through Array.prototype.sort was ≈ 10 kB per query).
 */
function heapSortRange(rows: Int32Array, vals: Float64Array, from: number, to: number): void {
  const size = to - from;
  // A heap on "ranks after" (its root is the worst): the worst goes to the end, the best is left at the front.
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(rows, vals, from, i, size);
  for (let end = size - 1; end > 0; end--) {
    swap(rows, vals, from, from + end);
    siftDown(rows, vals, from, 0, end);
  }
}

function siftDown(rows: Int32Array, vals: Float64Array, base: number, at: number, size: number): void {
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) return;
    const c = base + child;
    if (child + 1 < size && before(vals[c]!, rows[c]!, vals[c + 1]!, rows[c + 1]!)) child++;
    const a = base + at;
    const b = base + child;
    if (!before(vals[a]!, rows[a]!, vals[b]!, rows[b]!)) return;
    swap(rows, vals, a, b);
    at = child;
  }
}

function swap(rows: Int32Array, vals: Float64Array, a: number, b: number): void {
  const r = rows[a]!;
  rows[a] = rows[b]!;
  rows[b] = r;
  const v = vals[a]!;
  vals[a] = vals[b]!;
  vals[b] = v;
}
