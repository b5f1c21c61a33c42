// MMR's pool arrays for nine features in a WebAssembly memory, so that each pick's pass over the pool (fold in the
// pick's cosines, find the best value) runs as mmr9.wat: two entries per f64x2 step, no branch on the cosines. The
// JavaScript pass it replaces (src/steer/mmr-pool.ts) stalled on its compare branches: ≈ 15 ns per entry.
// Browser-safe: a 0.6 kB embedded module compiled synchronously; undefined without WebAssembly SIMD.
import { MMR9_WASM } from "./mmr9-bytes";
import { compiledModule, wasmApi as api } from "./wasm-api";

export interface TMmrArrays9 {
  /** Entries the arrays hold (even). */
  cap: number;
  /** Entry i's feature j at j · cap + i. */
  cols: Float64Array;
  base: Float64Array;
  penalty: Float64Array;
  /** The pick's vector (0 … 8) and λ (9), read by fold. */
  args: Float64Array;
  /** mmr9.wat's fold9 over entries [0, count): see there. */
  fold(count: number, fold: boolean, penalised: boolean): number;
}

type TFold = (
  cols: number,
  cap: number,
  count: number,
  base: number,
  penalty: number,
  args: number,
  fold: number,
  penalised: number,
) => number;

/** Arrays for `cap` (even) entries in a fresh memory; undefined without WebAssembly SIMD or for absurd sizes. */
export function wasmMmrArrays9(cap: number): TMmrArrays9 | undefined {
  const compiled = compiledModule(MMR9_WASM);
  if (!api || !compiled || cap % 2 !== 0 || cap > 2 ** 24) return undefined;
  const colsAt = 0;
  const baseAt = 9 * cap * 8;
  const penaltyAt = baseAt + cap * 8;
  const argsAt = penaltyAt + cap * 8;
  const memory = new api.Memory({ initial: Math.ceil((argsAt + 80) / 65536) });
  const run = new api.Instance(compiled, { env: { memory } }).exports.fold9 as TFold;
  const buffer = memory.buffer;
  return {
    cap,
    cols: new Float64Array(buffer, colsAt, 9 * cap),
    base: new Float64Array(buffer, baseAt, cap),
    penalty: new Float64Array(buffer, penaltyAt, cap),
    args: new Float64Array(buffer, argsAt, 10),
    fold: (count, fold, penalised) => run(colsAt, cap, count, baseAt, penaltyAt, argsAt, fold ? 1 : 0, penalised ? 1 : 0),
  };
}
