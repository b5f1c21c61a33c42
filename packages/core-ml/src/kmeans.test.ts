import { isBetterRestart, kmeans, kmeansFlat, kmeansRestart, planKmeans, type TKMeansFlatResult } from "./kmeans";
import { createSeedAssignment, kmeansPlusPlus, seedingDraws } from "./kmeans-plus-plus";
import { nearestTwo } from "./kernels";
import { createRandom } from "./random";
import { DimensionMismatchError, InvalidArgumentError } from "./errors";

// Three well separated 2-D blobs, 30 points each, generated from a seeded PRNG.
function blobs(seed = 7): { data: number[][]; truth: number[] } {
  const rng = createRandom(seed);
  const centres = [
    [0, 0],
    [10, 10],
    [-10, 8],
  ];
  const data: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, label) => {
    for (let i = 0; i < 30; i++) {
      data.push([c[0]! + rng.next() - 0.5, c[1]! + rng.next() - 0.5]);
      truth.push(label);
    }
  });
  return { data, truth };
}

/** 4,000 rows of nine features in six overlapping clusters (many points near a boundary, so the bounds often fail). */
function overlapping(): { nine: Float64Array; ten: Float64Array; n: number } {
  const rng = createRandom(5);
  const n = 4000;
  const nine = new Float64Array(n * 9);
  const ten = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) {
    const blob = i % 6;
    for (let j = 0; j < 9; j++) {
      const v = ((blob * (j + 1)) % 4) - 1.5 + (rng.next() + rng.next() + rng.next() - 1.5) * 1.6;
      nine[i * 9 + j] = v;
      ten[i * 10 + j] = v;
    }
  }
  return { nine, ten, n };
}

function bruteInertia(data: number[][], centroids: number[][], labels: number[]): number {
  return data.reduce((s, row, i) => s + row.reduce((a, v, j) => a + (v - centroids[labels[i]!]![j]!) ** 2, 0), 0);
}

describe("kmeans", () => {
  it("recovers separated clusters, with centroids = member means and a consistent inertia", () => {
    const { data, truth } = blobs();
    const r = kmeans(data, 3, { seed: 1 });
    // Same partition as the truth up to label permutation.
    const map = new Map<number, number>();
    truth.forEach((t, i) => {
      const l = r.labels[i]!;
      if (!map.has(t)) map.set(t, l);
      expect(map.get(t)).toBe(l);
    });
    expect(new Set(map.values()).size).toBe(3);
    r.centroids.forEach((c, k) => {
      const members = data.filter((_, i) => r.labels[i] === k);
      const mean = [0, 1].map((j) => members.reduce((s, m) => s + m[j]!, 0) / members.length);
      expect(c[0]).toBeCloseTo(mean[0]!, 10);
      expect(c[1]).toBeCloseTo(mean[1]!, 10);
    });
    expect(r.inertia).toBeCloseTo(bruteInertia(data, r.centroids, r.labels), 9);
    expect(r.iterations).toBeGreaterThanOrEqual(1);
  });

  it("is reproducible for a seed and explores different starts for different seeds", () => {
    const { data } = blobs(3);
    const a = kmeans(data, 5, { seed: 42, nInit: 3 });
    const b = kmeans(data, 5, { seed: 42, nInit: 3 });
    expect(b).toEqual(a);
    const inits = new Set(
      [1, 2, 3, 4, 5].map((s) => kmeansPlusPlus(Float64Array.from(data.flat()), data.length, 2, 5, createRandom(s)).join()),
    );
    expect(inits.size).toBeGreaterThan(1);
  });

  it("keeps the lowest-inertia restart", () => {
    const { data } = blobs(11);
    // Restarts draw from one PRNG stream, so nInit = m replays the first m starts of nInit = m + 1: the kept inertia
    // can only go down as nInit grows, and on this many-optima problem it must go down at least once.
    const byNInit = [1, 2, 3, 4, 5, 6, 7, 8].map((nInit) => kmeans(data, 6, { seed: 0, nInit }).inertia);
    for (let i = 1; i < byNInit.length; i++) expect(byNInit[i]).toBeLessThanOrEqual(byNInit[i - 1]!);
    expect(byNInit[7]).toBeLessThan(byNInit[0]!);
  });

  it("gives every cluster a member even when seeding collides on duplicate points", () => {
    // 6 copies of one point and 4 distinct others: k-means++ may pick duplicates; relocation must fill empties.
    const data = [...Array.from({ length: 6 }, () => [0, 0]), [5, 5], [6, 5], [-5, 3], [9, -9]];
    for (let seed = 0; seed < 20; seed++) {
      const r = kmeans(data, 5, { seed, nInit: 1 });
      expect(new Set(r.labels).size).toBe(5);
      expect(r.inertia).toBeCloseTo(bruteInertia(data, r.centroids, r.labels), 12);
    }
  });

  it("returns the mean for k = 1 and zero inertia for k = n", () => {
    const data = [[1], [2], [6]];
    expect(kmeans(data, 1).centroids).toEqual([[3]]);
    expect(kmeans(data, 3).inertia).toBe(0);
  });

  it("stops at maxIterations", () => {
    const { data } = blobs();
    expect(kmeans(data, 3, { maxIterations: 1, nInit: 1 }).iterations).toBe(1);
  });

  it("validates its arguments", () => {
    expect(() => kmeans([[1], [2]], 3)).toThrow(InvalidArgumentError);
    expect(() => kmeans([[1], [2]], 0)).toThrow(/positive integer/);
    expect(() => kmeans([[1], [2]], 1.5)).toThrow(/positive integer/);
    expect(() => kmeans([[1], [2]], 1, { nInit: 0 })).toThrow(/nInit/);
    expect(() => kmeans([], 1)).toThrow(/at least one row/);
    expect(() => kmeans([[1], [Number.POSITIVE_INFINITY]], 1)).toThrow(/finite/);
    expect(() => kmeansFlat(new Float64Array(7), 4, 2, 2)).toThrow(DimensionMismatchError);
  });

  it("flat and row APIs agree", () => {
    const { data } = blobs(5);
    const rows = kmeans(data, 3, { seed: 9 });
    const flat = kmeansFlat(Float64Array.from(data.flat()), data.length, 2, 3, { seed: 9 });
    expect(Array.from(flat.labels)).toEqual(rows.labels);
    expect(flat.inertia).toBe(rows.inertia);
  });

  it("the nine-feature fast path gives the same clustering as the generic path", () => {
    const rng = createRandom(21);
    const rows = Array.from({ length: 300 }, (_, i) => Array.from({ length: 9 }, (__, j) => (i % 4) * (j % 3) + rng.next() * 2));
    const fast = kmeans(rows, 4, { seed: 3, nInit: 2 });
    const generic = kmeans(
      rows.map((r) => [...r, 0]),
      4,
      { seed: 3, nInit: 2 },
    );
    expect(generic.labels).toEqual(fast.labels);
    expect(generic.inertia).toBeCloseTo(fast.inertia, 8);
    expect(generic.iterations).toBe(fast.iterations);
  });

  it("the nine-feature path (WebAssembly) matches the generic path bit for bit on overlapping clusters", () => {
    // The generic path (JavaScript, branching minima) with a tenth all-zero column adds only + 0 to every distance
    // (tolerance 0: the mean column variance, hence the scaled tolerance, differs with the extra column).
    const { nine, ten, n } = overlapping();
    for (const k of [1, 2, 3, 5, 8]) {
      const fast = kmeansFlat(nine, n, 9, k, { seed: k, nInit: 3, tolerance: 0 });
      const generic = kmeansFlat(ten, n, 10, k, { seed: k, nInit: 3, tolerance: 0 });
      expect(fast.iterations).toBe(generic.iterations);
      expect(fast.inertia).toBe(generic.inertia);
      expect(Array.from(fast.labels)).toEqual(Array.from(generic.labels));
      const genericNine = Array.from({ length: k * 9 }, (_, x) => generic.centroids[Math.floor(x / 9) * 10 + (x % 9)]);
      expect(Array.from(fast.centroids)).toEqual(genericNine);
    }
  });

  it("without WebAssembly, the JavaScript nine-feature pass gives the same results bit for bit", () => {
    const { nine, n } = overlapping();
    const saved = Object.getOwnPropertyDescriptor(globalThis, "WebAssembly")!;
    let withoutWasm: typeof kmeansFlat | undefined;
    jest.isolateModules(() => {
      Object.defineProperty(globalThis, "WebAssembly", { value: undefined, configurable: true });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      withoutWasm = (require("./kmeans") as typeof import("./kmeans")).kmeansFlat;
    });
    Object.defineProperty(globalThis, "WebAssembly", saved);
    for (const k of [1, 2, 5, 8]) {
      const js = withoutWasm!(nine, n, 9, k, { seed: k, nInit: 3 });
      const wasm = kmeansFlat(nine, n, 9, k, { seed: k, nInit: 3 });
      expect(js.iterations).toBe(wasm.iterations);
      expect(js.inertia).toBe(wasm.inertia);
      expect(Array.from(js.labels)).toEqual(Array.from(wasm.labels));
      expect(Array.from(js.centroids)).toEqual(Array.from(wasm.centroids));
    }
  });

  it("the seeding's assignment is a full nearestTwo pass against the returned centres, bit for bit", () => {
    const rng = createRandom(8);
    const n = 3000;
    for (const [d, grid] of [
      [9, false],
      [4, false],
      [9, true],
      [3, true],
    ] as const) {
      // On a small integer grid, many rows are exactly equidistant from two centres (the lowest index must win).
      const data = Float64Array.from({ length: n * d }, (_, x) =>
        grid ? Math.floor(rng.next() * 3) : ((Math.floor(x / d) % 5) * (x % 3)) / 2 + rng.next() * 2,
      );
      for (const k of [1, 2, 5, 8]) {
        const seeded = createSeedAssignment(n);
        const centres = kmeansPlusPlus(data, n, d, k, createRandom(k), seeded);
        const two = new Float64Array(2);
        const expected: number[] = [];
        const got: number[] = [];
        for (let i = 0; i < n; i++) {
          expected.push(nearestTwo(data, i * d, centres, k, d, two), two[0]!, two[1]!);
          got.push(seeded.labels[i]!, Math.sqrt(seeded.nearestSq[i]!), k > 1 ? Math.sqrt(seeded.secondSq[i]!) : Infinity);
        }
        expect(got).toEqual(expected);
      }
    }
  });

  it("k-means++ takes exactly seedingDraws(k) values from the stream", () => {
    const rows = Float64Array.from({ length: 200 * 3 }, (_, i) => Math.sin(i * 1.7) * 5);
    for (const k of [1, 2, 5, 12]) {
      const base = createRandom(4);
      let draws = 0;
      const counting = { next: () => (draws++, base.next()), int: (m: number) => (draws++, base.int(m)) };
      kmeansPlusPlus(rows, 200, 3, k, counting);
      expect(draws).toBe(seedingDraws(k));
    }
  });

  it("each restart run on its own reproduces the sequential restarts (what the parallel entry relies on)", () => {
    const rng = createRandom(8);
    const n = 600;
    const data = Float64Array.from({ length: n * 9 }, () => rng.next() * 2 - 1); // no structure: restarts differ
    const plan = planKmeans(data, n, 9, 5, { nInit: 6, seed: 11 });
    let best: TKMeansFlatResult | undefined;
    let bestRun = -1;
    const inertias = new Set<number>();
    for (let run = 0; run < plan.nInit; run++) {
      const r = kmeansRestart(data, n, 9, plan, run);
      inertias.add(r.inertia);
      if (isBetterRestart(r, run, best, bestRun)) [best, bestRun] = [r, run];
    }
    expect(inertias.size).toBeGreaterThan(1);
    const sequential = kmeansFlat(data, n, 9, 5, { nInit: 6, seed: 11 });
    expect(best!.inertia).toBe(sequential.inertia);
    expect(Array.from(best!.labels)).toEqual(Array.from(sequential.labels));
    expect(Array.from(best!.centroids)).toEqual(Array.from(sequential.centroids));
    expect(best!.iterations).toBe(sequential.iterations);
  });
});
