// The pool's WebAssembly pass (mmr9.wat, nine features) against its JavaScript fallback (foldJs): the same picks in
// the same order, with ties (repeated rows), closed rows, and rows added after picks. select-diverse.test.ts checks
// the pool as a whole against the MMR rule evaluated directly.
import { createRandom } from "../random";
import { MmrPool } from "./mmr-pool";

function run(wasm: boolean, seed: number): number[] {
  const rng = createRandom(seed);
  const m = 300;
  const units = new Float64Array(m * 9);
  for (let r = 0; r < m; r++) {
    // Every 7th row repeats the one before it (same vector, and every 14th the same score too): ties.
    if (r % 7 === 0 && r > 0) {
      units.copyWithin(r * 9, (r - 1) * 9, r * 9);
      continue;
    }
    let sq = 0;
    for (let j = 0; j < 9; j++) sq += (units[r * 9 + j] = rng.next() - 0.3) ** 2;
    for (let j = 0; j < 9; j++) units[r * 9 + j]! /= Math.sqrt(sq);
  }
  const scores = Float64Array.from({ length: m }, (_, r) => (r % 14 === 0 && r > 0 ? 0 : rng.next()));
  for (let r = 14; r < m; r += 14) scores[r] = scores[r - 1]!;
  const closed = new Set(Array.from({ length: 40 }, () => rng.int(m)));
  const pool = new MmrPool({ units, slots: Int32Array.from({ length: m }, (_, r) => r) }, 9, scores, 0.3, { wasm });
  const picked: number[] = [];
  let next = 0;
  const extend = (k: number) => {
    for (const end = Math.min(m, next + k); next < end; next++) pool.add(next, picked);
  };
  extend(101); // odd: the padding entry
  while (picked.length < 60) {
    const row = pool.take(picked, (r) => !closed.has(r));
    if (row < 0) {
      if (next >= m) break;
      extend(37);
      continue;
    }
    picked.push(row);
  }
  return picked;
}

it("picks the same rows with the WebAssembly pass as with the JavaScript one", () => {
  for (const seed of [1, 2, 3]) {
    const js = run(false, seed);
    expect(js.length).toBe(60);
    expect(run(true, seed)).toEqual(js);
  }
});
