// Reusable working arrays for the ranking. A fresh typed array costs about 10–30 ns per element here (zeroed memory
// outside the JS heap, then the collector's bookkeeping), more than the work done in it: a 1,000-row heap cost as much
// as scanning 20,000 scores. The ranking is synchronous and never keeps these arrays past a call, so reuse is safe.

export class Scratch {
  private f64 = new Float64Array(0);
  private i32 = new Int32Array(0);
  private extra = new Float64Array(0);

  /** A Float64Array of at least n entries, with undefined contents. */
  floats(n: number): Float64Array {
    if (this.f64.length < n) this.f64 = new Float64Array(Math.max(n, 2 * this.f64.length));
    return this.f64;
  }

  /** A second Float64Array of at least n entries (for a sample next to a heap), undefined contents. */
  sample(n: number): Float64Array {
    if (this.extra.length < n) this.extra = new Float64Array(Math.max(n, 2 * this.extra.length));
    return this.extra;
  }

  /** An Int32Array of at least n entries, with undefined contents. */
  ints(n: number): Int32Array {
    if (this.i32.length < n) this.i32 = new Int32Array(Math.max(n, 2 * this.i32.length));
    return this.i32;
  }
}

/**
 * Reusable small vectors: views of one buffer, the view objects themselves kept. A fresh Float64Array of nine
 * doubles (72 bytes) is past V8's 64-byte limit for typed arrays on the JS heap: each gets its own off-heap buffer,
 * ≈ 0.3 µs to make and free (in a loop of only such garbage, scavenges took 1–8 ms instead of 0.1 ms). A steered
 * query made 22 of them.
 */
export class VectorSlots {
  private views: Float64Array[] = [];
  private d = -1;

  /** `count` vectors of d entries (contents undefined), valid until the next call; a fresh array of reused views. */
  take(count: number, d: number): Float64Array[] {
    if (d !== this.d || this.views.length < count) {
      const n = Math.max(count, 2 * this.views.length, 16);
      const flat = new Float64Array(n * d);
      this.views = Array.from({ length: n }, (_, i) => flat.subarray(i * d, i * d + d));
      this.d = d;
    }
    return this.views.slice(0, count);
  }
}
