// MMR's candidate pool with lazily kept penalties ("lazy greedy": M. Minoux, 1978; CELF, Leskovec et al., KDD 2007).
// An entry's value is (1 − λ) · score − λ · penalty, the penalty being its highest cosine to the songs picked so far.
// Penalties only grow as songs are picked, so a value computed over the first `seen` picks is an upper bound of the
// current one. The entries sit in a max-heap on (bound desc, pool index asc): the top is brought up to date (its
// cosines to the picks it has not seen, O(d) each) and pushed back until the top is up to date — then its value is
// exact and no other entry can beat it or tie it with a lower index, so it is exactly the eager scan's winner (same
// values, same bits, same tie rule: the earlier pool entry). Most entries are never refreshed after the first pick,
// and no pick scans the whole pool.

export class MmrPool {
  private readonly rows: number[] = [];
  private readonly scores: number[] = [];
  /** Highest cosine to the first seen[i] picks. */
  private readonly penalty: number[] = [];
  private readonly seen: number[] = [];
  // Max-heap of pool indices on (bound desc, index asc).
  private readonly heapBound: number[] = [];
  private readonly heapIndex: number[] = [];
  private penalised = false;

  constructor(
    private readonly units: Float64Array,
    private readonly d: number,
    private readonly rankingScores: Float64Array,
    private readonly lambda: number,
  ) {}

  /**
   * Adds a row (rows come in ranking order). Before the first pick its value is (1 − λ) · score (penalty 0, as in
   * the rule); after, its penalty over every pick is computed now.
   */
  add(row: number, picked: readonly number[]): void {
    const i = this.rows.length;
    this.rows.push(row);
    this.scores.push(this.rankingScores[row]!);
    this.penalty.push(-Infinity);
    this.seen.push(0);
    this.catchUp(i, picked);
    this.push(this.valueOf(i, picked.length), i);
  }

  /**
   * Removes and returns the row with the highest MMR value given `picked` (the earlier entry on ties) among the
   * entries `open` accepts, or −1 when none is left. Entries `open` refuses are dropped for good.
   */
  take(picked: readonly number[], open: (row: number) => boolean): number {
    if (picked.length > 0 && !this.penalised) this.penaliseAll(picked);
    while (this.heapIndex.length > 0) {
      const i = this.heapIndex[0]!;
      const row = this.rows[i]!;
      if (!open(row)) {
        this.pop();
        continue;
      }
      if (this.seen[i] === picked.length) {
        this.pop();
        return row;
      }
      this.pop();
      this.catchUp(i, picked);
      this.push(this.valueOf(i, picked.length), i);
    }
    return -1;
  }

  /**
   * Before the first pick the values carry no penalty, and a later penalty can be negative (a pick pointing away),
   * so those values do not bound the later ones: after the first pick every entry gets its penalty once (O(pool · d),
   * what each pick of an eager scan costs) and the heap is rebuilt with exact values.
   */
  private penaliseAll(picked: readonly number[]): void {
    this.penalised = true;
    const entries = this.heapIndex.splice(0);
    this.heapBound.length = 0;
    for (const i of entries) {
      this.catchUp(i, picked);
      this.push(this.valueOf(i, picked.length), i);
    }
  }

  private valueOf(i: number, picks: number): number {
    // The penalty is 0 before the first pick, as in the rule.
    return (1 - this.lambda) * this.scores[i]! - this.lambda * (picks === 0 ? 0 : this.penalty[i]!);
  }

  private catchUp(i: number, picked: readonly number[]): void {
    const from = this.seen[i]!;
    if (from < picked.length) {
      const row = this.rows[i]!;
      const nearest = this.penalty[i]!;
      this.penalty[i] =
        this.d === 9 ? nearestOf9(this.units, row, picked, from, nearest) : nearestOf(this.units, this.d, row, picked, from, nearest);
    }
    this.seen[i] = picked.length;
  }

  /** Whether heap entry (bound a, index ia) goes above (bound b, index ib). */
  private static above(a: number, ia: number, b: number, ib: number): boolean {
    return a > b || (a === b && ia < ib);
  }

  private push(bound: number, index: number): void {
    const bounds = this.heapBound;
    const indices = this.heapIndex;
    let at = bounds.length;
    bounds.push(bound);
    indices.push(index);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!MmrPool.above(bound, index, bounds[parent]!, indices[parent]!)) break;
      bounds[at] = bounds[parent]!;
      indices[at] = indices[parent]!;
      at = parent;
    }
    bounds[at] = bound;
    indices[at] = index;
  }

  private pop(): void {
    const bounds = this.heapBound;
    const indices = this.heapIndex;
    const lastBound = bounds.pop()!;
    const lastIndex = indices.pop()!;
    const size = bounds.length;
    if (size === 0) return;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && MmrPool.above(bounds[child + 1]!, indices[child + 1]!, bounds[child]!, indices[child]!)) child++;
      if (!MmrPool.above(bounds[child]!, indices[child]!, lastBound, lastIndex)) break;
      bounds[at] = bounds[child]!;
      indices[at] = indices[child]!;
      at = child;
    }
    bounds[at] = lastBound;
    indices[at] = lastIndex;
  }
}

/** max(nearest, cos(row, picked[t]) for t ≥ from): the unit vectors' dot products, in the order j = 0 … d − 1. */
function nearestOf(units: Float64Array, d: number, row: number, picked: readonly number[], from: number, nearest: number): number {
  const a = row * d;
  for (let t = from; t < picked.length; t++) {
    const b = picked[t]! * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += units[a + j]! * units[b + j]!;
    if (s > nearest) nearest = s;
  }
  return nearest;
}

// nearestOf for nine features with the row in locals: a loop over d ran ~4× slower (V8 does not unroll it). The sum
// starts from 0 and adds in the same order, so the bits are nearestOf's.
function nearestOf9(units: Float64Array, row: number, picked: readonly number[], from: number, nearest: number): number {
  const a = row * 9;
  const u0 = units[a]!,
    u1 = units[a + 1]!,
    u2 = units[a + 2]!,
    u3 = units[a + 3]!,
    u4 = units[a + 4]!,
    u5 = units[a + 5]!,
    u6 = units[a + 6]!,
    u7 = units[a + 7]!,
    u8 = units[a + 8]!;
  for (let t = from; t < picked.length; t++) {
    const b = picked[t]! * 9;
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
  return nearest;
}
