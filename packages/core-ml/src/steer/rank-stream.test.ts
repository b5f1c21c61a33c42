import { createRandom } from "../random";
import { RankStream } from "./rank-stream";
import { topRows } from "./top-rows";

describe("RankStream", () => {
  it("walks every candidate in score order, lower row first on ties, skipping NaN, across selection rounds", () => {
    const rng = createRandom(4);
    for (let t = 0; t < 50; t++) {
      const m = 1 + rng.int(400);
      // Few distinct values, so ties are common and fall on the k-th boundary.
      const scores = Float64Array.from({ length: m }, () => (rng.next() < 0.1 ? Number.NaN : rng.int(7) / 7));
      const expected = [...scores.keys()].filter((r) => !Number.isNaN(scores[r]!)).sort((a, b) => scores[b]! - scores[a]! || a - b);
      const stream = new RankStream((k) => topRows(scores, k), 1 + rng.int(10));
      const walked: number[] = [];
      for (let r = stream.next(); r >= 0; r = stream.next()) walked.push(r);
      expect(walked).toEqual(expected);
    }
  });
});
