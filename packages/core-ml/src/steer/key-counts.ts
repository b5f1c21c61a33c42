// Per-query counts by interned id (a songKey or artistKey id), in arrays reused by every query: a Set and a Map built
// per query cost more (their lookups, growth and garbage) than the picking around them. A stamp per id says whether
// its count belongs to the current query, so nothing is cleared between queries. Ranking is synchronous and never
// nested, so one instance per use is enough.

export class KeyCounts {
  private stamps = new Int32Array(0);
  private counts = new Int32Array(0);
  private epoch = 0;

  /** Starts a query: every count is 0. */
  reset(): void {
    if (++this.epoch === 0x7fffffff) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
  }

  get(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.epoch ? this.counts[id]! : 0;
  }

  add(id: number): void {
    if (id >= this.stamps.length) this.grow(id + 1);
    if (this.stamps[id] !== this.epoch) {
      this.stamps[id] = this.epoch;
      this.counts[id] = 0;
    }
    this.counts[id]!++;
  }

  private grow(n: number): void {
    const size = Math.max(n, 2 * this.stamps.length, 1024);
    const stamps = new Int32Array(size);
    const counts = new Int32Array(size);
    stamps.set(this.stamps);
    counts.set(this.counts);
    this.stamps = stamps;
    this.counts = counts;
  }
}
