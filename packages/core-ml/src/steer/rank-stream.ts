// Rows of a cluster in ranking order (score desc, row order on ties) without sorting the whole cluster: a partial
// selection of the best k, walked in order; when the walk passes k, the next round selects 4k and walks on.
// r rounds cost O(r·m) for m rows; k starts at max(2n, 16), so a list with few skipped rows needs one round.
import { TopN } from "../top-n";

export class RankStream {
  private top: TopN;
  private walked = 0;
  private readonly candidates: number;

  constructor(
    private readonly scores: Float64Array,
    wanted: number,
  ) {
    let candidates = 0;
    for (let r = 0; r < scores.length; r++) if (!Number.isNaN(scores[r]!)) candidates++;
    this.candidates = candidates;
    this.top = this.select(Math.min(candidates, Math.max(2 * wanted, 16)));
  }

  private select(k: number): TopN {
    const top = new TopN(k);
    const s = this.scores;
    for (let r = 0; r < s.length; r++) if (s[r]! >= top.threshold) top.push(r, s[r]!); // TopN ignores NaN
    return top;
  }

  /** The next row in ranking order, or -1 when every candidate has been walked. */
  next(): number {
    if (this.walked >= this.candidates) return -1;
    if (this.walked >= this.top.size) this.top = this.select(Math.min(this.candidates, this.top.capacity * 4));
    return this.top.indices[this.walked++]!;
  }
}
