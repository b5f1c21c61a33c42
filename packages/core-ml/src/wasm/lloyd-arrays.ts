// Lloyd's per-run arrays for nine features laid out in one WebAssembly memory, so that the Hamerly pass (the bulk
// of k-means time) and the inertia run as WebAssembly (hamerly9.wat), and k-means++'s passes over the rows too
// (seed9.wat, a second module on the same memory). The rest of the algorithm keeps using the same arrays as
// ordinary typed-array views.
// Browser-safe: the modules are 1–2 kB byte arrays compiled synchronously.
import type { TSeedAssignment } from "../kmeans-plus-plus";
import { HAMERLY9_WASM } from "./hamerly9-bytes";
import { SEED9_WASM } from "./seed9-bytes";
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
  /** The inertia of `labels` against `centres` (one of the two buffers above), summed as kmeans.ts's loop sums it. */
  inertia(centres: Float64Array): number;
  /** k-means++'s scoring pass as WebAssembly (seed9.wat), on the same memory; undefined where it cannot compile. */
  seeding?: TWasmSeeding;
}

export interface TWasmSeeding {
  /** The seeding's assignment, in the module's memory (the pass reads `nearestSq` as each row's closest distance). */
  assignment: TSeedAssignment;
  /** Each of the three trials' squared distance to every row (3 × n). */
  trialDist: Float64Array;
  /** potentialsOfThree9 (src/kernels.ts) for the three candidate rows: fills trialDist and `pots`. */
  potentialsOfThree(candidates: Int32Array, pots: Float64Array): void;
  /** Row `row` is the first centre: every row's squared distance to it into `assignment.nearestSq`; returns their sum. */
  firstCentre(row: number): number;
  /** The running sums of `assignment.nearestSq` into `cumulative`. */
  cumulate(): void;
  /** The running sums cumulate() writes, which k-means++ searches for its candidates. */
  cumulative: Float64Array;
  /** Centre `c` joins, with trial `trial`'s distances (in `trialDist`): kmeans-plus-plus.ts's addCentre. */
  addCentre(trial: number, c: number): void;
}

type TAssign = (n: number, k: number, ...pointers: number[]) => number;
type TPotentials = (n: number, ...pointers: number[]) => void;
type TInertia = (n: number, data: number, labels: number, centres: number) => number;
type TSeedExports = {
  potentialsOfThree9: TPotentials;
  firstCentre9: (n: number, data: number, centre: number, closest: number) => number;
  cumulate: (n: number, closest: number, out: number) => void;
  addCentre: (n: number, dist: number, c: number, labels: number, nearest: number, second: number) => void;
};

/**
 * The last arrays handed out, reused by the next run of the same n and k: a fresh memory per restart cost more than
 * the pass saved (page faults on first touch and collection of the old ones). Runs do not overlap (one thread
 * each), and every run overwrites everything it reads. One region of ≈ 144·n bytes (the seeding's arrays included)
 * stays alive until a run of another size.
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
  const seedCompiled = compiledModule(SEED9_WASM);
  const sizes = { data: n * 72, upper: n * 8, lower: n * 8, labels: Math.ceil(n / 2) * 8, centres: k * 72, next: k * 72 };
  const small = { half: k * 8, moved: k * 8, drop: k * 8, sums: k * 72, counts: k * 8 };
  const seed = {
    labels: Math.ceil(n / 2) * 8,
    nearestSq: n * 8,
    secondSq: n * 8,
    trialDist: 3 * n * 8,
    cumulative: n * 8,
    cand: 27 * 8,
    pots: 3 * 8,
  };
  const total = [sizes, small, seed].reduce((sum, part) => sum + Object.values(part).reduce((s, v) => s + v, 0), 0);
  if (total > MAX_BYTES) return undefined;
  const memory = new api.Memory({ initial: Math.ceil(total / 65536) });
  const instance = new api.Instance(compiled, { env: { memory } });
  const run = instance.exports.assignBounded9 as TAssign;
  const inertia = instance.exports.inertia9 as TInertia;
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
    inertia: (centres) => inertia(n, a.data.byteOffset, a.labels.byteOffset, centres.byteOffset),
  };
  if (seedCompiled) {
    const seedExports = new api.Instance(seedCompiled, { env: { memory } }).exports as unknown as TSeedExports;
    const assignment: TSeedAssignment = {
      labels: new Int32Array(buffer, (offset += seed.labels) - seed.labels, n),
      nearestSq: f64(seed.nearestSq),
      secondSq: f64(seed.secondSq),
    };
    const trialDist = f64(seed.trialDist);
    const cumulative = f64(seed.cumulative);
    const cand = f64(seed.cand);
    const pots = f64(seed.pots);
    result.seeding = {
      assignment,
      trialDist,
      potentialsOfThree(candidates, out) {
        for (let t = 0; t < 3; t++) cand.set(a.data.subarray(candidates[t]! * 9, candidates[t]! * 9 + 9), t * 9);
        seedExports.potentialsOfThree9(
          n,
          a.data.byteOffset,
          cand.byteOffset,
          assignment.nearestSq.byteOffset,
          trialDist.byteOffset,
          pots.byteOffset,
        );
        out.set(pots);
      },
      firstCentre: (row) => seedExports.firstCentre9(n, a.data.byteOffset, a.data.byteOffset + row * 72, assignment.nearestSq.byteOffset),
      cumulate: () => seedExports.cumulate(n, assignment.nearestSq.byteOffset, cumulative.byteOffset),
      cumulative,
      addCentre: (trial, c) =>
        seedExports.addCentre(
          n,
          trialDist.byteOffset + trial * n * 8,
          c,
          assignment.labels.byteOffset,
          assignment.nearestSq.byteOffset,
          assignment.secondSq.byteOffset,
        ),
    };
  }
  cached = { n, k, arrays: result };
  return result;
}
