import { createRandom } from "../random";
import { nthLargest } from "./score-candidates";

describe("nthLargest (the sampled threshold)", () => {
  it("is the rank-th largest value, ties and runs included", () => {
    const rng = createRandom(44);
    for (let t = 0; t < 500; t++) {
      const count = 1 + rng.int(2500);
      const levels = rng.next() < 0.5 ? 1 + rng.int(5) : 0;
      const values = Float64Array.from({ length: count }, (_, i) =>
        levels > 0 ? rng.int(levels) : rng.next() < 0.2 ? i / count : rng.next(),
      );
      const rank = 1 + rng.int(count);
      const want = [...values].sort((a, b) => b - a)[rank - 1];
      expect(nthLargest(values, count, rank)).toBe(want);
    }
  });
});
