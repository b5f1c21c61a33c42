import { nearestTwo, potentialsWithCandidates, squaredDistance } from "./kernels";
import { createRandom } from "./random";

// The nine-feature fast paths must agree with the generic loops. A zero 10th column leaves every distance unchanged
// but sends the same data through the generic code.
function randomRows(n: number, d: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length: n * d }, () => rng.next() * 4 - 2);
}

function widen(data: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) out.set(data.subarray(i * 9, i * 9 + 9), i * 10);
  return out;
}

describe("distance kernels", () => {
  const n = 50;
  const x9 = randomRows(n, 9, 1);
  const x10 = widen(x9, n);

  it("squaredDistance: fast path equals the generic loop and the definition", () => {
    for (let i = 0; i < n; i++) {
      const fast = squaredDistance(x9, i * 9, x9, 0, 9);
      const generic = squaredDistance(x10, i * 10, x10, 0, 10);
      let direct = 0;
      for (let j = 0; j < 9; j++) direct += (x9[i * 9 + j]! - x9[j]!) ** 2;
      expect(fast).toBeCloseTo(generic, 12);
      expect(fast).toBeCloseTo(direct, 12);
    }
  });

  it("nearestTwo: same centre and distances on both paths", () => {
    const c9 = randomRows(4, 9, 2);
    const c10 = widen(c9, 4);
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const fast = nearestTwo(x9, i * 9, c9, 4, 9, a);
      const generic = nearestTwo(x10, i * 10, c10, 4, 10, b);
      expect(fast).toBe(generic);
      expect(a[0]).toBeCloseTo(b[0]!, 12);
      expect(a[1]).toBeCloseTo(b[1]!, 12);
      const all = [0, 1, 2, 3].map((c) => Math.sqrt(squaredDistance(x9, i * 9, c9, c * 9, 9))).sort((p, q) => p - q);
      expect(a[0]).toBeCloseTo(all[0]!, 12);
      expect(a[1]).toBeCloseTo(all[1]!, 12);
    }
  });

  it("potentialsWithCandidates: the raw distances and, bit for bit, the sum of the elementwise minima in row order (2–4 trials)", () => {
    const m = 400;
    const y9 = randomRows(m, 9, 3);
    const y10 = widen(y9, m);
    const closest = Float64Array.from({ length: m }, (_, i) => ((i * 37) % 11) * 0.7);
    // Two, three (the fused nine-feature path) and four trials.
    for (const [data, d, candidates] of [
      [y9, 9, Int32Array.from([5, 0, 399, 5])],
      [y10, 10, Int32Array.from([5, 0, 399, 5])],
      [y9, 9, Int32Array.from([17, 399, 17])],
      [y10, 10, Int32Array.from([17, 399, 17])],
      [y9, 9, Int32Array.from([0, 250])],
    ] as const) {
      const out = new Float64Array(candidates.length * m);
      const pots = new Float64Array(candidates.length);
      potentialsWithCandidates(data, m, d, candidates, closest, out, pots);
      candidates.forEach((c, t) => {
        const distances = Array.from({ length: m }, (_, i) => squaredDistance(data, i * d, data, c * d, d));
        expect(Array.from(out.subarray(t * m, t * m + m))).toEqual(distances);
        let potential = 0;
        for (let i = 0; i < m; i++) potential += Math.min(distances[i]!, closest[i]!);
        expect(pots[t]).toBe(potential);
      });
    }
  });
});
