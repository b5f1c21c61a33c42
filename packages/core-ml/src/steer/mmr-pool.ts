// MMR's candidate pool with lazily kept penalties ("lazy greedy": M. Minoux, 1978; CELF, Leskovec et al., KDD 2007).
// An entry's value is (1 − λ) · score − λ · penalty, the penalty being its highest cosine to the songs picked so far.
// Penalties only grow as songs are picked, so a value computed over the first `seen` picks is an upper bound of the
// current one. The entries sit in a max-heap on (bound desc, pool index asc): the top is brought up to date (its
// cosines to the picks it has not seen, O(d) each) and pushed back until the top is up to date — then its value is
// exact and no other entry can beat it or tie it with a lower index, so it is exactly the eager scan's winner (same
// values, same bits, same tie rule: the earlier pool entry). Most entries are never refreshed after the first pick,
// and no pick scans the whole pool.

import type { TCandidateVectors } from "./score-candidates";

// The pool's arrays, reused by every query (ranking is synchronous and never keeps a pool past a call): ~500 entries
// × six number arrays grown by push were most of a query's garbage. No double crosses a call that V8 may not inline
// (an entry's value and penalty are written into these arrays, the heap holds indices): a double returned or passed
// through such a call is boxed in a fresh heap number, ~40 kB per query.
class PoolArrays {
  rows = new Int32Array(0);
  scores = new Float64Array(0);
  /** Highest cosine to the first seen[i] picks. */
  penalty = new Float64Array(0);
  seen = new Int32Array(0);
  /** The entry's value over its first seen[i] picks: its heap key, an upper bound of its current value. */
  bound = new Float64Array(0);
  // Max-heap of pool indices on (bound desc, index asc).
  heap = new Int32Array(0);

  /** Room for n entries, keeping the first `keep`. */
  reserve(n: number, keep: number): void {
    if (this.rows.length < n) this.grow(Math.max(n, 2 * this.rows.length, 64), keep);
  }

  // Apart from reserve: a closure over its arguments here would allocate a context on every call of reserve.
  private grow(size: number, keep: number): void {
    const copy = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
      b.set(a.subarray(0, keep));
      return b;
    };
    this.rows = copy(this.rows, new Int32Array(size));
    this.scores = copy(this.scores, new Float64Array(size));
    this.penalty = copy(this.penalty, new Float64Array(size));
    this.seen = copy(this.seen, new Int32Array(size));
    this.bound = copy(this.bound, new Float64Array(size));
    this.heap = copy(this.heap, new Int32Array(size));
  }
}

const shared = new PoolArrays();

export class MmrPool {
  private readonly a = shared;
  private count = 0;
  private heapSize = 0;
  private penalised = false;

  /** `vectors`: where each row's unit vector is (score-candidates.ts), read at every use (top() may move it). */
  constructor(
    private readonly vectors: TCandidateVectors,
    private readonly d: number,
    private readonly rankingScores: Float64Array,
    private readonly lambda: number,
  ) {}

  /**
   * Adds a row (rows come in ranking order). Before the first pick its value is (1 − λ) · score (penalty 0, as in
   * the rule); after, its penalty over every pick is computed now.
   */
  add(row: number, picked: readonly number[]): void {
    const i = this.count++;
    // The heap holds at most every entry, so both keep their first i (heapSize ≤ i) entries.
    this.a.reserve(this.count, i);
    this.a.rows[i] = row;
    this.a.scores[i] = this.rankingScores[row]!;
    this.a.penalty[i] = -Infinity;
    this.a.seen[i] = 0;
    this.catchUp(i, picked);
    this.setBound(i, picked.length);
    this.push(i);
  }

  /**
   * Removes and returns the row with the highest MMR value given `picked` (the earlier entry on ties) among the
   * entries `open` accepts, or −1 when none is left. Entries `open` refuses are dropped for good.
   */
  take(picked: readonly number[], open: (row: number) => boolean): number {
    if (picked.length > 0 && !this.penalised) this.penaliseAll(picked);
    const { heap, rows, seen } = this.a;
    while (this.heapSize > 0) {
      const i = heap[0]!;
      const row = rows[i]!;
      if (!open(row)) {
        this.pop();
        continue;
      }
      if (seen[i] === picked.length) {
        this.pop();
        return row;
      }
      this.pop();
      this.catchUp(i, picked);
      this.setBound(i, picked.length);
      this.push(i);
    }
    return -1;
  }

  /**
   * Before the first pick the values carry no penalty, and a later penalty can be negative (a pick pointing away),
   * so those values do not bound the later ones: after the first pick every entry gets its penalty once (O(pool · d),
   * what each pick of an eager scan costs) and the heap is rebuilt in place with exact values (Floyd's heapify; the
   * heap's order is a strict total order, so its layout does not change what is taken).
   */
  private penaliseAll(picked: readonly number[]): void {
    this.penalised = true;
    const heap = this.a.heap;
    for (let h = 0; h < this.heapSize; h++) {
      this.catchUp(heap[h]!, picked);
      this.setBound(heap[h]!, picked.length);
    }
    for (let h = (this.heapSize >> 1) - 1; h >= 0; h--) this.siftDown(h, heap[h]!);
  }

  /** bound[i] = the entry's value given its penalty over `picks` picks (0 before the first pick, as in the rule). */
  private setBound(i: number, picks: number): void {
    this.a.bound[i] = (1 - this.lambda) * this.a.scores[i]! - this.lambda * (picks === 0 ? 0 : this.a.penalty[i]!);
  }

  private catchUp(i: number, picked: readonly number[]): void {
    if (this.a.seen[i]! < picked.length) {
      const { units, slots } = this.vectors;
      if (this.d === 9) nearestOf9(units, slots, picked, this.a, i);
      else nearestOf(units, slots, this.d, picked, this.a, i);
    }
    this.a.seen[i] = picked.length;
  }

  /** Whether entry ia goes above entry ib in the heap. */
  private above(ia: number, ib: number): boolean {
    const a = this.a.bound[ia]!;
    const b = this.a.bound[ib]!;
    return a > b || (a === b && ia < ib);
  }

  private push(index: number): void {
    const heap = this.a.heap;
    let at = this.heapSize++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.above(index, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = index;
  }

  private pop(): void {
    const size = --this.heapSize;
    if (size > 0) this.siftDown(0, this.a.heap[size]!);
  }

  /** Puts entry `index` at heap slot `at` and sifts it down. */
  private siftDown(at: number, index: number): void {
    const heap = this.a.heap;
    const size = this.heapSize;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && this.above(heap[child + 1]!, heap[child]!)) child++;
      if (!this.above(heap[child]!, index)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = index;
  }
}

/** penalty[i] = max(penalty[i], cos(row i, picked[t]) for t ≥ seen[i]): unit-vector dot products, j = 0 … d − 1. */
function nearestOf(units: Float64Array, slots: Int32Array, d: number, picked: readonly number[], a: PoolArrays, i: number): void {
  const base = slots[a.rows[i]!]! * d;
  let nearest = a.penalty[i]!;
  for (let t = a.seen[i]!; t < picked.length; t++) {
    const b = slots[picked[t]!]! * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += units[base + j]! * units[b + j]!;
    if (s > nearest) nearest = s;
  }
  a.penalty[i] = nearest;
}

// nearestOf for nine features with the row in locals: a loop over d ran ~4× slower (V8 does not unroll it). The sum
// starts from 0 and adds in the same order, so the bits are nearestOf's.
function nearestOf9(units: Float64Array, slots: Int32Array, picked: readonly number[], a: PoolArrays, i: number): void {
  const base = slots[a.rows[i]!]! * 9;
  const u0 = units[base]!,
    u1 = units[base + 1]!,
    u2 = units[base + 2]!,
    u3 = units[base + 3]!,
    u4 = units[base + 4]!,
    u5 = units[base + 5]!,
    u6 = units[base + 6]!,
    u7 = units[base + 7]!,
    u8 = units[base + 8]!;
  let nearest = a.penalty[i]!;
  for (let t = a.seen[i]!; t < picked.length; t++) {
    const b = slots[picked[t]!]! * 9;
    const s =
      0 +
      u0 * units[b]! +
      u1 * units[b + 1]! +
      u2 * units[b + 2]! +
      u3 * units[b + 3]! +
      u4 * units[b + 4]! +
      u5 * units[b + 5]! +
      u6 * units[b + 6]! +
      u7 * units[b + 7]! +
      u8 * units[b + 8]!;
    if (s > nearest) nearest = s;
  }
  a.penalty[i] = nearest;
}
