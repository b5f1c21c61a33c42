// The steered scan's cosine pass as WebAssembly (cosine9.wat): a cluster's tempo-sorted unit vectors copied
// by column into the module's memory, so that two rows are scored per f64x2 step (2.3× faster than score-candidates'
// scan9 on 20,000 rows, same bits). Browser-safe: a 0.5 kB embedded module compiled synchronously; undefined where
// WebAssembly or its SIMD is missing, and the caller keeps the JavaScript pass.
import { COSINE9_WASM } from "./cosine9-bytes";
import { compiledModule, wasmApi as api } from "./wasm-api";

/** Byte layout limit: wasm32 addresses, kept well below 2 GiB (larger clusters use the JavaScript pass). */
const MAX_BYTES = 2 ** 30;

export interface TColumnScan9 {
  /**
   * Writes the sorted positions p in [from, to) whose clamped cosine to the unit query q is ≥ threshold, ascending,
   * to positions[0 …), their cosines to cosines[0 …) and their vectors to vectors; returns how many. The arithmetic
   * is scan9's.
   */
  scan(from: number, to: number, q: Float64Array, threshold: number): number;
  positions: Int32Array;
  cosines: Float64Array;
  /** The first min(count, vectors.length / 9) kept rows' unit vectors, row i at i · 9. */
  vectors: Float64Array;
}

type TScan = (...pointersAndCounts: number[]) => number;

/** Kept rows whose vectors the scan copies out (see columnScan9). */
const VECTOR_ROWS = 4096;

/** A column copy of `units` (size rows × 9, row-major) in its own memory; undefined without WebAssembly SIMD. */
export function columnScan9(units: Float64Array, size: number): TColumnScan9 | undefined {
  const compiled = compiledModule(COSINE9_WASM);
  // Each column has one spare entry: the last pair of an odd-length range reads it (and drops its lane).
  const stride = (size + 1) * 8;
  const argsAt = 9 * stride;
  const outAt = argsAt + 80;
  // The scan copies the vectors of its first VECTOR_ROWS kept rows (the sampled threshold keeps ≈ 1,500; only a
  // pass without threshold keeps more, and the caller copies the rest itself).
  const vectorRows = Math.min(size, VECTOR_ROWS);
  const vectorsAt = outAt + size * 8;
  const positionsAt = vectorsAt + vectorRows * 72;
  const total = positionsAt + size * 4;
  if (!api || !compiled || total > MAX_BYTES) return undefined;
  // One memory per copy, never grown (so the views below stay attached), collected with the cluster's tempo order.
  const memory = new api.Memory({ initial: Math.ceil(total / 65536) });
  const run = new api.Instance(compiled, { env: { memory } }).exports.scan9 as TScan;
  const buffer = memory.buffer;
  const columns = new Float64Array(buffer, 0, 9 * (size + 1));
  for (let r = 0; r < size; r++) for (let j = 0; j < 9; j++) columns[j * (size + 1) + r] = units[r * 9 + j]!;
  const args = new Float64Array(buffer, argsAt, 10);
  const cosines = new Float64Array(buffer, outAt, size);
  const positions = new Int32Array(buffer, positionsAt, size);
  const vectors = new Float64Array(buffer, vectorsAt, vectorRows * 9);
  return {
    positions,
    cosines,
    vectors,
    scan(from, to, q, threshold) {
      for (let j = 0; j < 9; j++) args[j] = q[j]!;
      args[9] = threshold;
      return run(0, stride, from, to, argsAt, positionsAt, outAt, vectorsAt, vectorRows);
    },
  };
}
