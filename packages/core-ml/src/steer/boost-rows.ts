// Boosts resolved to rows once per (library, boosts map): for each cluster, the rows that have a boost and the boost
// clamped to ±MAX_BOOST. A query then adds only its own cluster's boosts, instead of looking up every boosted
// trackId in the library's 90,000-entry trackId map per query.
//
// The cache is keyed by the map object: a boosts map is read once, as the ReadonlyMap type says (feedback signals are
// built as new maps). Walking the map per query to check it had not changed cost more than everything it saved (its
// 1,000 entries and their boxed values are cold in the cache after the cluster scan: ~0.3 ms), so only its size is
// checked; a caller that changes boosts passes a new map.
import type { TPreparedLibrary } from "../prepare-library";
import { MAX_BOOST } from "./steering";

export interface TClusterBoosts {
  rows: Int32Array;
  /** Clamped to ±MAX_BOOST. */
  boosts: Float64Array;
  /**
   * The rows' unit vectors (row i at i · d) and norms, copied from the cluster: a query scores every boosted row of
   * its cluster, and read from the cluster's arrays these few hundred rows were one cache miss each.
   */
  units: Float64Array;
  norms: Float64Array;
}

interface TResolvedBoosts {
  /** The map's size when it was resolved. */
  size: number;
  clusters: TClusterBoosts[];
}

const resolved = new WeakMap<TPreparedLibrary, WeakMap<ReadonlyMap<string, number>, TResolvedBoosts>>();

/** The boosted rows of `cluster` and their clamped boosts. */
export function clusterBoosts(prep: TPreparedLibrary, boosts: ReadonlyMap<string, number>, cluster: number): TClusterBoosts {
  let byMap = resolved.get(prep);
  if (!byMap) resolved.set(prep, (byMap = new WeakMap()));
  let entry = byMap.get(boosts);
  if (!entry || entry.size !== boosts.size) byMap.set(boosts, (entry = resolve(prep, boosts)));
  return (
    entry.clusters[cluster] ?? {
      rows: new Int32Array(0),
      boosts: new Float64Array(0),
      units: new Float64Array(0),
      norms: new Float64Array(0),
    }
  );
}

function resolve(prep: TPreparedLibrary, boosts: ReadonlyMap<string, number>): TResolvedBoosts {
  const rows: number[][] = prep.clusters.map(() => []);
  const clamped: number[][] = prep.clusters.map(() => []);
  boosts.forEach((value, key) => {
    const at = prep.positions.get(key);
    if (!at) return;
    rows[at[0]]!.push(at[1]);
    clamped[at[0]]!.push(Math.max(-MAX_BOOST, Math.min(MAX_BOOST, value)));
  });
  const d = prep.dimensions;
  const clusters = rows.map((r, c): TClusterBoosts => {
    const block = prep.clusters[c]!;
    const units = new Float64Array(r.length * d);
    r.forEach((row, i) => units.set(block.units.subarray(row * d, row * d + d), i * d));
    return {
      rows: Int32Array.from(r),
      boosts: Float64Array.from(clamped[c]!),
      units,
      norms: Float64Array.from(r, (row) => block.norms[row]!),
    };
  });
  return { size: boosts.size, clusters };
}
