import { createRandom } from "../random";
import { bucketRank } from "./bucket-rank";

describe("bucketRank", () => {
  it("returns the best cap rows above the threshold in ranking order (score desc, lower row first), NaN skipped", () => {
    const rng = createRandom(12);
    for (let t = 0; t < 300; t++) {
      const m = 1 + rng.int(3000);
      // Few distinct values half the time (long runs of ties in one bucket), or spread values with a few far outliers.
      const levels = rng.next() < 0.5 ? 1 + rng.int(6) : 0;
      const scores = Float64Array.from({ length: m }, () => {
        if (rng.next() < 0.1) return Number.NaN;
        if (levels > 0) return rng.int(levels) / levels;
        return rng.next() < 0.01 ? -1 + rng.next() : rng.next() * 0.1 + 0.9;
      });
      const list = Int32Array.from({ length: m }, (_, r) => r);
      for (let i = m - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      const length = rng.int(m + 1);
      const threshold = rng.next() < 0.3 ? -Infinity : rng.next();
      const cap = rng.int(m + 2);
      const want = Array.from(list.subarray(0, length))
        .filter((r) => scores[r]! >= threshold)
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, cap);
      expect(bucketRank(scores, list, length, cap, threshold)).toEqual(want);
    }
  });
});
