// Rows of a cluster in ranking order (score desc, row order on ties) without sorting the whole cluster: take the best
// k (`select`: score-candidates.ts's top, or top-rows.ts over a score array) and walk them; when the walk passes k, take the best 4k
// and walk on. k starts at max(wanted + slack, 16) (slack defaults to wanted), so a list with few skipped rows needs
// one round.
import type { TTopRows } from "./top-rows";

export class RankStream {
  private readonly count: number;
  private order: number[];
  private walked = 0;

  constructor(
    private readonly select: (k: number) => TTopRows,
    wanted: number,
    slack = wanted,
  ) {
    const first = select(Math.max(wanted + slack, 16));
    this.count = first.candidates;
    this.order = first.rows;
  }

  /** The next row in ranking order, or -1 when every candidate has been walked. */
  next(): number {
    if (this.walked >= this.count) return -1;
    if (this.walked >= this.order.length) this.order = this.select(this.order.length * 4).rows;
    return this.order[this.walked++]!;
  }
}
