// A cluster's rows sorted by scaled tempo, with their unit vectors copied in that order: a tempo range is then one
// contiguous run of rows found by binary search, so the scan reads only the songs in range (about two thirds of a
// cluster for 90–150 BPM) with no per-row filter branch (a third of the rows failed it at random: mispredictions).
// Built on a cluster's first steered query and kept for the life of the library: one more copy of its unit vectors
// and key ids by row (8 · 9 + 8 bytes per song) and, for nine features, one by column in a WebAssembly memory with
// the scan's output arrays (≈ 84 bytes per song + 0.3 MB per cluster): ≈ 16 MB in all for 90,000 songs.
import type { TLibraryCluster } from "../prepare-library";
import { columnScan9, type TColumnScan9 } from "../wasm/column-scan9";

export interface TTempoOrder {
  /** The model column the rows are sorted by. */
  column: number;
  /** Row (in the cluster) at each sorted position. */
  rows: Int32Array;
  /** Unit vectors in sorted order, size × d: the same values as the cluster's, so the same dot-product bits. */
  units: Float64Array;
  /** Scaled tempo at each sorted position, ascending: units[r · d + column] · norms[r], as the filter computes it. */
  keys: Float64Array;
  /**
   * The unit vectors of every SAMPLE_STRIDE-th sorted position (0, S, 2S, …), contiguous: a threshold's sample reads
   * these instead of one cold cache line per sampled row of the big array.
   */
  sample: Float64Array;
  /** The rows' songKey and artistKey ids (TLibraryCluster's) in sorted order, read with the kept rows' vectors. */
  songKeyIds: Int32Array;
  artistKeyIds: Int32Array;
  /**
   * For nine features, `units` again by column in a WebAssembly memory, scanned two rows at a time (column-scan9.ts):
   * undefined without WebAssembly SIMD or for other d.
   */
  columns: TColumnScan9 | undefined;
}

/** Sorted positions between two sampled ones. */
export const SAMPLE_STRIDE = 8;

const orders = new WeakMap<TLibraryCluster, TTempoOrder>();

/** The scaled tempo of row r, as every tempo check computes it. */
export function scaledColumn(block: TLibraryCluster, d: number, column: number, r: number): number {
  return block.units[r * d + column]! * block.norms[r]!;
}

export function tempoOrder(block: TLibraryCluster, d: number, column: number): TTempoOrder {
  const cached = orders.get(block);
  if (cached && cached.column === column) return cached;
  const size = block.norms.length;
  const key = new Float64Array(size);
  for (let r = 0; r < size; r++) key[r] = scaledColumn(block, d, column, r);
  const rows = Int32Array.from({ length: size }, (_, r) => r).sort((a, b) => key[a]! - key[b]! || a - b);
  const units = new Float64Array(size * d);
  const keys = new Float64Array(size);
  for (let p = 0; p < size; p++) {
    const r = rows[p]!;
    units.set(block.units.subarray(r * d, r * d + d), p * d);
    keys[p] = key[r]!;
  }
  const sample = new Float64Array(Math.ceil(size / SAMPLE_STRIDE) * d);
  for (let p = 0; p < size; p += SAMPLE_STRIDE) sample.set(units.subarray(p * d, p * d + d), (p / SAMPLE_STRIDE) * d);
  const columns = d === 9 ? columnScan9(units, size) : undefined;
  const songKeyIds = Int32Array.from(rows, (r) => block.songKeyIds[r]!);
  const artistKeyIds = Int32Array.from(rows, (r) => block.artistKeyIds[r]!);
  const order = { column, rows, units, keys, sample, songKeyIds, artistKeyIds, columns };
  orders.set(block, order);
  return order;
}

/** The sorted positions [from, to) whose key lies in [low, high]. */
export function positionsInRange(keys: Float64Array, low: number, high: number): { from: number; to: number } {
  return { from: firstAbove(keys, low, false), to: firstAbove(keys, high, true) };
}

/** The first position whose key is ≥ value (strict: > value). */
function firstAbove(keys: Float64Array, value: number, strict: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid]!;
    if (strict ? k > value : k >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
