// Lloyd's per-run arrays for nine features laid out in one WebAssembly memory, so that the Hamerly pass (the bulk
// of k-means time) runs as WebAssembly (hamerly9.wat). The rest of the algorithm keeps using the same arrays as
// ordinary typed-array views. Browser-safe: the module is a 1.2 kB byte array compiled synchronously.
import { HAMERLY9_WASM } from "./hamerly9-bytes";
import { compiledModule, wasmApi as api } from "./wasm-api";

/** Byte layout limit: wasm32 addresses, kept well below 2 GiB (larger inputs use the JavaScript pass). */
const MAX_BYTES = 2 ** 30;

export interface TWasmLloydArrays {
  /** A copy of the n × 9 input (the pass reads the rows from the module's memory). */
  data: Float64Array;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  /** The two centre buffers that Lloyd's loop alternates between. */
  centres: Float64Array;
  next: Float64Array;
  half: Float64Array;
  moved: Float64Array;
  drop: Float64Array;
  sums: Float64Array;
  counts: Float64Array;
  /** The Hamerly pass with `centres` (one of the two buffers above) as the current centres; returns how many changed. */
  assign(centres: Float64Array): number;
}

type TAssign = (n: number, k: number, ...pointers: number[]) => number;

/**
 * The last arrays handed out, reused by the next run of the same n and k: a fresh memory per restart cost more than
 * the pass saved (page faults on first touch and collection of the old ones). Runs do not overlap (one thread
 * each), and every run overwrites everything it reads. One region of ≈ 92·n bytes stays alive until a run of
 * another size.
 */
let cached: { n: number; k: number; arrays: TWasmLloydArrays } | undefined;

/**
 * The arrays for a run over n rows and k centres with `data` copied in; undefined when WebAssembly is unavailable
 * or n is too large.
 */
export function wasmLloydArrays(data: Float64Array, n: number, k: number): TWasmLloydArrays | undefined {
  const compiled = compiledModule(HAMERLY9_WASM);
  if (!api || !compiled) return undefined;
  if (cached && cached.n === n && cached.k === k) {
    cached.arrays.data.set(data.subarray(0, n * 9));
    return cached.arrays;
  }
  const sizes = { data: n * 72, upper: n * 8, lower: n * 8, labels: Math.ceil(n / 2) * 8, centres: k * 72, next: k * 72 };
  const small = { half: k * 8, moved: k * 8, drop: k * 8, sums: k * 72, counts: k * 8 };
  const total = Object.values(sizes).reduce((s, v) => s + v, 0) + Object.values(small).reduce((s, v) => s + v, 0);
  if (total > MAX_BYTES) return undefined;
  const memory = new api.Memory({ initial: Math.ceil(total / 65536) });
  const instance = new api.Instance(compiled, { env: { memory } });
  const run = instance.exports.assignBounded9 as TAssign;
  const buffer = memory.buffer;
  let offset = 0;
  const f64 = (bytes: number): Float64Array => {
    const view = new Float64Array(buffer, offset, bytes / 8);
    offset += bytes;
    return view;
  };
  const arrays = {
    data: f64(sizes.data),
    upper: f64(sizes.upper),
    lower: f64(sizes.lower),
    labels: new Int32Array(buffer, (offset += sizes.labels) - sizes.labels, n),
    centres: f64(sizes.centres),
    next: f64(sizes.next),
    half: f64(small.half),
    moved: f64(small.moved),
    drop: f64(small.drop),
    sums: f64(small.sums),
    counts: f64(small.counts),
  };
  arrays.data.set(data.subarray(0, n * 9));
  const a = arrays;
  const result: TWasmLloydArrays = {
    ...a,
    assign: (centres) =>
      run(
        n,
        k,
        a.data.byteOffset,
        a.labels.byteOffset,
        a.upper.byteOffset,
        a.lower.byteOffset,
        centres.byteOffset,
        a.half.byteOffset,
        a.moved.byteOffset,
        a.drop.byteOffset,
        a.sums.byteOffset,
        a.counts.byteOffset,
      ),
  };
  cached = { n, k, arrays: result };
  return result;
}
