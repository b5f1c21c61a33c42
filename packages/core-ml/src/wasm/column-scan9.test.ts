// The WebAssembly cosine pass against the JavaScript one it replaces (score-candidates.ts's scan9, still the fallback):
// the same positions in the same order and the same cosines bit for bit, on even and odd ranges, with thresholds
// that keep none, some and all rows, and with rows whose dot product overshoots ±1 (the clamp).
import { createRandom } from "../random";
import { scan9, type TKept } from "../steer/score-candidates";
import { columnScan9 } from "./column-scan9";

function unitRows(size: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const units = new Float64Array(size * 9);
  for (let r = 0; r < size; r++) {
    let sq = 0;
    for (let j = 0; j < 9; j++) sq += (units[r * 9 + j] = rng.next() - 0.5 + (j === 0 ? 0.4 : 0)) ** 2;
    for (let j = 0; j < 9; j++) units[r * 9 + j]! /= Math.sqrt(sq);
  }
  return units;
}

function jsPass(units: Float64Array, size: number, from: number, to: number, q: Float64Array, threshold: number) {
  const rowAt = Int32Array.from({ length: size }, (_, p) => p);
  const kept: TKept = {
    scores: new Float64Array(size),
    list: new Int32Array(size),
    units: new Float64Array(size * 9),
    slots: new Int32Array(size),
  };
  const n = scan9(units, rowAt, from, to, q, threshold, kept);
  const positions = Array.from(kept.list.subarray(0, n));
  return { positions, cosines: positions.map((p) => kept.scores[p]!), vectors: Array.from(kept.units.subarray(0, n * 9)) };
}

it("scans like scan9: the same positions and cosines, bit for bit", () => {
  const size = 1001;
  const units = unitRows(size, 7);
  // The query is a row whose dot product with itself rounds past 1 (the clamp), and row 501 is its opposite.
  const self = (r: number) => units.subarray(r * 9, r * 9 + 9).reduce((s, u) => s + u * u, 0);
  const at = Array.from({ length: size }, (_, r) => r).find((r) => self(r) > 1)!;
  expect(at).toBeDefined();
  const q = units.slice(at * 9, at * 9 + 9);
  for (let j = 0; j < 9; j++) units[501 * 9 + j] = -q[j]!;
  const scan = columnScan9(units, size);
  expect(scan).toBeDefined(); // Node has WebAssembly SIMD
  for (const [from, to] of [
    [0, size],
    [1, size],
    [0, size - 1],
    [17, 18],
    [17, 17],
    [499, 503],
    [at, at + 1],
  ] as const) {
    for (const threshold of [-Infinity, -1, 0.3, 0.9, 1, 2]) {
      const n = scan!.scan(from, to, q, threshold);
      const wasm = { positions: Array.from(scan!.positions.subarray(0, n)), cosines: Array.from(scan!.cosines.subarray(0, n)) };
      const js = jsPass(units, size, from, to, q, threshold);
      expect(wasm.positions).toEqual(js.positions);
      expect(wasm.cosines.every((c, i) => Object.is(c, js.cosines[i]))).toBe(true);
      // The kept rows' vectors, as far as the scan copies them (all of them here: fewer than its 4,096 rows).
      expect(Array.from(scan!.vectors.subarray(0, n * 9))).toEqual(js.vectors);
    }
  }
});
