import { createRandom } from "../random";
import { topRows } from "./top-rows";

const ranked = (scores: Float64Array) =>
  [...scores.keys()].filter((r) => !Number.isNaN(scores[r]!)).sort((a, b) => scores[b]! - scores[a]! || a - b);

describe("topRows", () => {
  it("returns the best k rows in ranking order (lower row first on ties, NaN skipped) on clusters large enough to sample", () => {
    const rng = createRandom(9);
    for (let t = 0; t < 30; t++) {
      const m = 4096 + rng.int(30_000);
      // Runs of similar scores, as in catalog order, with few distinct values so ties fall on the k-th boundary.
      let level = rng.next();
      const scores = Float64Array.from({ length: m }, () => {
        if (rng.next() < 0.01) level = rng.next();
        return rng.next() < 0.3 ? Number.NaN : Math.round((level + 0.2 * rng.next()) * 200) / 200;
      });
      const k = 1 + rng.int(1500);
      const got = topRows(scores, k);
      const want = ranked(scores);
      expect(got.candidates).toBe(want.length);
      expect(got.rows).toEqual(want.slice(0, k));
    }
  });

  it("stays exact when the sample misses the best rows (the pass is repeated without the threshold)", () => {
    const m = 20_000;
    const stride = Math.floor(m / 2048);
    // Only the sampled rows score high, so the sampled threshold lets through about 2,048 rows, fewer than k.
    const scores = Float64Array.from({ length: m }, (_, r) => (r % stride === 0 ? 0.9 : 0.5 - r * 1e-9));
    const got = topRows(scores, 3000);
    expect(got.rows).toEqual(ranked(scores).slice(0, 3000));
  });

  it("handles k of 0, k beyond the candidates and an all-NaN array", () => {
    const scores = Float64Array.from({ length: 5000 }, (_, r) => (r % 3 === 0 ? Number.NaN : r % 7));
    expect(topRows(scores, 0).rows).toEqual([]);
    expect(topRows(scores, 10_000).rows).toEqual(ranked(scores));
    expect(topRows(new Float64Array(5000).fill(Number.NaN), 10)).toEqual({ rows: [], candidates: 0 });
  });
});
