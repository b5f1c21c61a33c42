import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError } from "../errors";
import { kmeans, kmeansFlat } from "../kmeans";
import { createRandom } from "../random";
import { KMeansPool, kmeansFlatParallel } from ".";

// Overlapping 9-D data (so the restarts end in different local optima) from a seeded PRNG.
function overlapping(n: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length: n * 9 }, (_, i) => (Math.floor(i / 9) % 3) + rng.next() * 3);
}

// Generous timeout: worker start-up under tsx on a loaded 2-core machine takes seconds; this is no speed check.
jest.setTimeout(60_000);

describe("parallel k-means (worker threads)", () => {
  let pool: KMeansPool;
  beforeAll(async () => {
    pool = await KMeansPool.create({ threads: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it("gives the single-thread result for the same seed: labels, centroids, inertia, iterations", async () => {
    const n = 1500;
    const data = overlapping(n, 3);
    for (const seed of [0, 42]) {
      const single = kmeansFlat(data, n, 9, 5, { nInit: 10, seed });
      const parallel = await pool.kmeansFlat(data, n, 9, 5, { nInit: 10, seed });
      expect(parallel.inertia).toBe(single.inertia);
      expect(Array.from(parallel.labels)).toEqual(Array.from(single.labels));
      expect(Array.from(parallel.centroids)).toEqual(Array.from(single.centroids));
      expect(parallel.iterations).toBe(single.iterations);
    }
  });

  it("one thread, two threads and the one-off helper agree (any width, rows API too)", async () => {
    const n = 500;
    const rng = createRandom(5);
    const rows = Array.from({ length: n }, () => [rng.next() * 4, rng.next() * 4, rng.next()]);
    const single = kmeans(rows, 4, { nInit: 5, seed: 7 });
    const onPool = await pool.kmeans(rows, 4, { nInit: 5, seed: 7 });
    const oneOff = await kmeansFlatParallel(Float64Array.from(rows.flat()), n, 3, 4, { nInit: 5, seed: 7, threads: 1 });
    expect(onPool).toEqual(single);
    expect(Array.from(oneOff.labels)).toEqual(single.labels);
    expect(oneOff.inertia).toBe(single.inertia);
  });

  it("rejects bad input with the single-thread errors, and stays usable", async () => {
    await expect(pool.kmeansFlat(new Float64Array(10), 5, 2, 6)).rejects.toThrow(InvalidArgumentError);
    await expect(pool.kmeansFlat(new Float64Array(10), 5, 2, 2, { nInit: 0 })).rejects.toThrow(/nInit/);
    await expect(KMeansPool.create({ threads: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(kmeansFlatParallel(new Float64Array(10), 5, 2, 2, { nInit: 0 })).rejects.toThrow(/nInit/);
    await expect(kmeansFlatParallel(new Float64Array(10), 5, 2, 2, { threads: 1.5 })).rejects.toThrow(/threads/);
    expect((await pool.kmeansFlat(overlapping(50, 1), 50, 9, 2, { nInit: 2 })).labels).toHaveLength(50);
  });

  it("a closed pool refuses work", async () => {
    const p = await KMeansPool.create({ threads: 1 });
    await p.close();
    await expect(p.kmeansFlat(new Float64Array(4), 2, 2, 1)).rejects.toThrow(/closed/);
  });

  it("the pure main entry never reaches the parallel entry or node:worker_threads", () => {
    const src = join(__dirname, "..");
    const files = readdirSync(src).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(src, f), "utf8");
      expect(text).not.toMatch(/worker_threads|from "\.\/parallel/);
    }
  });
});
