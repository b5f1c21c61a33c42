// Rows of a cluster in ranking order (score desc, row order on ties) without sorting the whole cluster: select the
// best k with quickselect (expected O(m) for m rows), sort only those (O(k log k)) and walk them; when the walk passes
// k, select 4k and walk on. k starts at max(2 · wanted, 16), so a list with few skipped rows needs one round.
// Small k use recommend's sorted insertion buffer (TopN); it costs O(k) per entering row, too slow for a 500-song
// variety pool, which takes quickselect.
import { TopN } from "../top-n";

// Up to this k the sorted insertion buffer (TopN, one pass, no allocation beyond k) is cheaper than quickselect.
const SMALL_K = 256;

export class RankStream {
  private rows: Int32Array | undefined;
  private readonly count: number;
  private order: Int32Array;
  private walked = 0;

  constructor(
    private readonly scores: Float64Array,
    wanted: number,
  ) {
    let count = 0;
    for (let r = 0; r < scores.length; r++) if (!Number.isNaN(scores[r]!)) count++;
    this.count = count;
    this.order = this.select(Math.max(2 * wanted, 16));
  }

  /** The best k candidates, in ranking order. */
  private select(k: number): Int32Array {
    const scores = this.scores;
    if (k <= SMALL_K && k < this.count) {
      const top = new TopN(k);
      for (let r = 0; r < scores.length; r++) if (scores[r]! >= top.threshold) top.push(r, scores[r]!); // TopN ignores NaN
      return top.indices.slice(0, top.size);
    }
    const rows = (this.rows ??= this.candidateRows());
    let picked: Int32Array;
    if (k >= rows.length) picked = rows.slice();
    else {
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = scores[rows[i]!]!;
      const kth = kthLargest(values, k);
      picked = new Int32Array(k);
      let n = 0;
      for (let i = 0; i < rows.length; i++) if (scores[rows[i]!]! > kth) picked[n++] = rows[i]!;
      // Rows tied with the k-th score fill the rest in row order (the lower row wins a tie).
      for (let i = 0; i < rows.length && n < k; i++) if (scores[rows[i]!]! === kth) picked[n++] = rows[i]!;
    }
    return picked.sort((a, b) => scores[b]! - scores[a]! || a - b);
  }

  private candidateRows(): Int32Array {
    const rows = new Int32Array(this.count);
    for (let r = 0, i = 0; r < this.scores.length; r++) if (!Number.isNaN(this.scores[r]!)) rows[i++] = r;
    return rows;
  }

  /** The next row in ranking order, or -1 when every candidate has been walked. */
  next(): number {
    if (this.walked >= this.count) return -1;
    if (this.walked >= this.order.length) this.order = this.select(this.order.length * 4);
    return this.order[this.walked++]!;
  }
}

/** The k-th largest value (1-based) of `values`, which it reorders: Hoare's quickselect, middle pivot. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}
