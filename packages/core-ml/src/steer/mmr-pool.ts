// MMR's candidate pool, evaluated eagerly: an entry's value is (1 − λ) · score − λ · penalty, the penalty being its
// highest cosine to the songs picked so far (0 before the first pick, as in the rule). Each take folds the new pick
// into every entry's penalty and finds the best value in the same pass over the pool, ties going to the earlier
// entry: ≈ 500 entries × 50 picks = 25,000 cosines per query. For nine features the pass runs as WebAssembly
// (mmr9.wat: two entries per SIMD step, no branch on the cosines), ≈ 0.03 ms per query; the JavaScript pass
// (foldJs) is the fallback and the other-d path. It replaced a lazy-greedy heap (Minoux 1978; CELF) that computed
// ≈ 7,700 cosines but cost ≈ 0.2 ms per query in heap steps, refresh calls and branches; eagerly in JavaScript the
// 25,000 cosines cost ≈ 0.4 ms (a compare branch on each sum stalled the pipeline).
import { wasmMmrArrays9 } from "../wasm/mmr-arrays9";
import type { TCandidateVectors } from "./score-candidates";

/** The pool's numbers: entry i's feature j at cols[j · cap + i], base = (1 − λ) · score or −Infinity once gone. */
interface TPoolNumbers {
  cap: number;
  cols: Float64Array;
  base: Float64Array;
  penalty: Float64Array;
  /** The pick's vector (0 … d − 1) and λ (d). */
  args: Float64Array;
  /** WebAssembly's pass (nine features), if any. */
  fold?: (count: number, fold: boolean, penalised: boolean) => number;
}

// The pool's arrays, reused by every query (ranking is synchronous and never keeps a pool past a call): a fresh set
// per query, or arrays grown by push, were most of a query's garbage.
class PoolArrays {
  rows = new Int32Array(0);
  numbers: TPoolNumbers = plainNumbers(0, 1);
  private d = 1;

  constructor(private readonly wasm: boolean) {}

  /** Room for n entries of d features (and the padding entry after an odd count), keeping the first `keep`. */
  reserve(n: number, d: number, keep: number): void {
    const cap = this.numbers.cap;
    if (cap < n + 1) this.grow(Math.max(n + 1, 2 * cap, 64), d, keep);
    else if (this.d !== d) this.grow(Math.max(cap, 64), d, keep);
  }

  private grow(size: number, d: number, keep: number): void {
    const cap = size + (size % 2);
    const old = this.numbers;
    const next = (this.wasm && d === 9 ? wasmMmrArrays9(cap) : undefined) ?? plainNumbers(cap, d);
    if (this.d === d) for (let j = 0; j < d; j++) next.cols.set(old.cols.subarray(j * old.cap, j * old.cap + keep), j * cap);
    next.base.set(old.base.subarray(0, keep));
    next.penalty.set(old.penalty.subarray(0, keep));
    const rows = new Int32Array(cap);
    rows.set(this.rows.subarray(0, keep));
    this.rows = rows;
    this.numbers = next;
    this.d = d;
  }
}

function plainNumbers(cap: number, d: number): TPoolNumbers {
  return {
    cap,
    cols: new Float64Array(d * cap),
    base: new Float64Array(cap),
    penalty: new Float64Array(cap),
    args: new Float64Array(d + 1),
  };
}

const shared = { wasm: new PoolArrays(true), js: new PoolArrays(false) };

export interface TMmrPoolOptions {
  /** Use the WebAssembly pass when it is available (default true); false runs the JavaScript one, for tests. */
  wasm?: boolean;
}

export class MmrPool {
  private readonly a: PoolArrays;
  private count = 0;
  /** Picks folded into every entry's penalty. */
  private folded = 0;

  /** `vectors`: where each row's unit vector is (score-candidates.ts), read at every use (top() may move it). */
  constructor(
    private readonly vectors: Pick<TCandidateVectors, "units" | "slots">,
    private readonly d: number,
    private readonly rankingScores: Float64Array,
    private readonly lambda: number,
    options: TMmrPoolOptions = {},
  ) {
    this.a = options.wasm === false ? shared.js : shared.wasm;
  }

  /** Adds a row (rows come in ranking order) with its penalty over every pick so far. */
  add(row: number, picked: readonly number[]): void {
    const { d } = this;
    const i = this.count++;
    this.a.reserve(this.count, d, i);
    const { cols, base, penalty, cap } = this.a.numbers;
    this.a.rows[i] = row;
    base[i] = (1 - this.lambda) * this.rankingScores[row]!;
    base[i + 1] = -Infinity; // the padding entry of an odd count
    const { units, slots } = this.vectors;
    const from = slots[row]! * d;
    for (let j = 0; j < d; j++) cols[j * cap + i] = units[from + j]!;
    // Over every pick, folded in or not (folding the same pick again changes nothing: max is idempotent).
    let nearest = -Infinity;
    for (let t = 0; t < picked.length; t++) {
      const at = slots[picked[t]!]! * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += cols[j * cap + i]! * units[at + j]!;
      if (s > nearest) nearest = s;
    }
    penalty[i] = nearest;
  }

  /**
   * Removes and returns the row with the highest MMR value given `picked` (the earlier entry on ties) among the
   * entries `open` accepts, or −1 when none is left. Entries `open` refuses are dropped for good. `picked` only
   * grows between calls.
   */
  take(picked: readonly number[], open: (row: number) => boolean): number {
    const { units, slots } = this.vectors;
    // All but the newest pick (in practice none: one pick per take) are folded in on their own.
    while (this.folded < picked.length - 1) this.pass(units, slots[picked[this.folded++]!]! * this.d, true);
    const fold = picked.length > this.folded;
    let best = this.pass(units, fold ? slots[picked[this.folded++]!]! * this.d : -1, fold);
    const { base } = this.a.numbers;
    while (best >= 0 && !open(this.a.rows[best]!)) {
      base[best] = -Infinity;
      best = this.pass(units, -1, false);
    }
    if (best < 0) return -1;
    base[best] = -Infinity;
    return this.a.rows[best]!;
  }

  /** With `fold`, folds the pick at units[at …] into every penalty; returns the best entry (see take) or −1. */
  private pass(units: Float64Array, at: number, fold: boolean): number {
    const n = this.a.numbers;
    const { d } = this;
    if (fold) for (let j = 0; j < d; j++) n.args[j] = units[at + j]!;
    n.args[d] = this.lambda;
    const penalised = this.folded > 0;
    return n.fold ? n.fold(this.count, fold, penalised) : foldJs(n, d, this.count, fold, penalised);
  }
}

/** mmr9.wat's pass in JavaScript, for any d: the same sums in the same order, the same bits. */
function foldJs(n: TPoolNumbers, d: number, count: number, fold: boolean, penalised: boolean): number {
  const { cols, base, penalty, args, cap } = n;
  const lambda = args[d]!;
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < count; i++) {
    if (fold) {
      let s = 0;
      for (let j = 0; j < d; j++) s += cols[j * cap + i]! * args[j]!;
      if (s > penalty[i]!) penalty[i] = s;
    }
    const value = base[i]! - lambda * (penalised ? penalty[i]! : 0);
    if (value > bestValue) {
      best = i;
      bestValue = value;
    }
  }
  return best;
}
