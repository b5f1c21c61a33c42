// Per-query counts by interned id (a songKey or artistKey id) in a small open-addressing table reused by every query:
// a query counts at most a few dozen ids (the seeds' songs, then one song and one artist per pick), so the table
// stays a few kB and hot in the cache. A Set and a Map built per query cost their growth and garbage; arrays indexed
// by id (90,000 ids) cost a cache miss per lookup. Ranking is synchronous and never nested, so one instance per use
// is enough.

const EMPTY = -1;

export class KeyCounts {
  private keys = new Int32Array(256).fill(EMPTY);
  private counts = new Int32Array(256);
  /** Slots filled in this query, to empty them at the next reset. */
  private filled = new Int32Array(256);
  private size = 0;

  /** Starts a query: every count is 0. */
  reset(): void {
    for (let i = 0; i < this.size; i++) this.keys[this.filled[i]!] = EMPTY;
    this.size = 0;
  }

  get(id: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot]!;
      if (key === id) return this.counts[slot]!;
      if (key === EMPTY) return 0;
    }
  }

  /** Adds 1 to id's count (ids are ≥ 0). */
  add(id: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = hash(id) & mask;
    for (; keys[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (keys[slot] === id) {
        this.counts[slot]!++;
        return;
      }
    }
    keys[slot] = id;
    this.counts[slot] = 1;
    this.filled[this.size++] = slot;
    if (2 * this.size > keys.length) this.grow(); // at most half full: probes stay short and an empty slot exists
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldFilled = this.filled.subarray(0, this.size);
    this.keys = new Int32Array(2 * oldKeys.length).fill(EMPTY);
    this.counts = new Int32Array(2 * oldKeys.length);
    this.filled = new Int32Array(2 * oldKeys.length);
    const mask = this.keys.length - 1;
    const entries = this.size;
    this.size = 0;
    for (let i = 0; i < entries; i++) {
      const from = oldFilled[i]!;
      let slot = hash(oldKeys[from]!) & mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.keys[slot] = oldKeys[from]!;
      this.counts[slot] = oldCounts[from]!;
      this.filled[this.size++] = slot;
    }
  }
}

// Fibonacci hashing: consecutive ids spread over the table.
function hash(id: number): number {
  return Math.imul(id, 0x9e3779b1) >>> 16;
}
