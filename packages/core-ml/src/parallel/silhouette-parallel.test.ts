import { InvalidLabelsError } from "../errors";
import { createRandom } from "../random";
import { pairBalancedRanges, silhouetteSamplesFlat } from "../silhouette";
import { SilhouettePool } from ".";

// Three overlapping blobs from a seeded PRNG, labelled by blob; width d (9 takes the unrolled kernel, 4 the loop).
function blobs(n: number, d: number, seed: number): { data: Float64Array; labels: Int32Array } {
  const rng = createRandom(seed);
  const labels = Int32Array.from({ length: n }, (_, i) => (i * 7) % 3);
  const data = Float64Array.from({ length: n * d }, (_, i) => labels[Math.floor(i / d)]! + rng.next() * 2.5);
  return { data, labels };
}

// Generous timeout: worker start-up under tsx on a loaded 2-core machine takes seconds; this is no speed check.
jest.setTimeout(60_000);

describe("parallel silhouette (worker threads)", () => {
  const pools: SilhouettePool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });
  const pool = async (threads: number) => {
    const p = await SilhouettePool.create({ threads });
    pools.push(p);
    return p;
  };

  it("equals the single-thread samples: bit for bit on one thread, within round-off on two and three", async () => {
    for (const d of [9, 4]) {
      const n = 1201;
      const { data, labels } = blobs(n, d, d);
      const single = silhouetteSamplesFlat(data, n, d, labels);
      expect(Array.from(await (await pool(1)).silhouetteSamplesFlat(data, n, d, labels))).toEqual(Array.from(single));
      for (const threads of [2, 3]) {
        const p = await pool(threads);
        const parallel = await p.silhouetteSamplesFlat(data, n, d, labels);
        let worst = 0;
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(parallel[i]! - single[i]!));
        expect(worst).toBeLessThan(1e-12);
        // Deterministic for a thread count.
        expect(Array.from(await p.silhouetteSamplesFlat(data, n, d, labels))).toEqual(Array.from(parallel));
      }
    }
  });

  it("the score is the mean of the samples; bad labels fail as in the single-thread function", async () => {
    const p = await pool(2);
    const { data, labels } = blobs(300, 9, 1);
    const samples = silhouetteSamplesFlat(data, 300, 9, labels);
    expect(await p.silhouetteScoreFlat(data, 300, 9, labels)).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / 300, 12);
    await expect(p.silhouetteSamplesFlat(data, 300, 9, new Int32Array(300))).rejects.toBeInstanceOf(InvalidLabelsError);
  });
});

describe("pairBalancedRanges", () => {
  it("covers rows 0…n−1 in order, each part within one row's pairs of an equal share", () => {
    for (const [n, parts] of [
      [20_000, 2],
      [1201, 3],
      [10, 4],
      [3, 5],
    ] as const) {
      const ranges = pairBalancedRanges(n, parts);
      expect(ranges).toHaveLength(parts);
      expect(ranges[0]![0]).toBe(0);
      expect(ranges[parts - 1]![1]).toBe(n);
      for (let i = 1; i < parts; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
      const share = (n * (n - 1)) / 2 / parts;
      for (const [from, to] of ranges) {
        let pairs = 0;
        for (let p = from; p < to; p++) pairs += n - 1 - p;
        expect(Math.abs(pairs - share)).toBeLessThanOrEqual(n);
      }
    }
  });
});
