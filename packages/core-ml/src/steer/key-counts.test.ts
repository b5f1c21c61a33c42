import { createRandom } from "../random";
import { KeyCounts } from "./key-counts";

describe("KeyCounts", () => {
  it("counts like a Map across queries (resets) and growth", () => {
    const rng = createRandom(3);
    const counts = new KeyCounts();
    for (let query = 0; query < 50; query++) {
      counts.reset();
      const want = new Map<number, number>();
      const adds = rng.int(query % 10 === 0 ? 2000 : 80);
      for (let i = 0; i < adds; i++) {
        const id = rng.next() < 0.5 ? rng.int(100) : rng.int(1_000_000);
        counts.add(id);
        want.set(id, (want.get(id) ?? 0) + 1);
      }
      for (let id = 0; id < 100; id++) expect(counts.get(id)).toBe(want.get(id) ?? 0);
      for (const [id, n] of want) expect(counts.get(id)).toBe(n);
    }
  });
});
