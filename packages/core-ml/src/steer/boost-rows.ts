// Boosts resolved to rows once per (library, boosts map): for each cluster, the rows that have a boost and the boost
// clamped to ±MAX_BOOST. A query then adds only its own cluster's boosts, instead of looking up every boosted
// trackId in the library's 90,000-entry trackId map per query.
//
// The cache is keyed by the map object, but a ReadonlyMap can still be changed by its owner, so every call walks the
// map once (no hashing: one pass over its entries in insertion order) and compares it with the keys and values it
// was resolved from; any difference resolves it again. Results never depend on the cache.
import type { TPreparedLibrary } from "../prepare-library";
import { MAX_BOOST } from "./steering";

export interface TClusterBoosts {
  rows: Int32Array;
  /** Clamped to ±MAX_BOOST. */
  boosts: Float64Array;
}

interface TResolvedBoosts {
  keys: string[];
  values: number[];
  clusters: TClusterBoosts[];
}

const resolved = new WeakMap<TPreparedLibrary, WeakMap<ReadonlyMap<string, number>, TResolvedBoosts>>();

/** The boosted rows of `cluster` and their clamped boosts. */
export function clusterBoosts(prep: TPreparedLibrary, boosts: ReadonlyMap<string, number>, cluster: number): TClusterBoosts {
  let byMap = resolved.get(prep);
  if (!byMap) resolved.set(prep, (byMap = new WeakMap()));
  let entry = byMap.get(boosts);
  if (!entry || !unchanged(entry, boosts)) byMap.set(boosts, (entry = resolve(prep, boosts)));
  return entry.clusters[cluster] ?? { rows: new Int32Array(0), boosts: new Float64Array(0) };
}

function unchanged(entry: TResolvedBoosts, boosts: ReadonlyMap<string, number>): boolean {
  if (boosts.size !== entry.keys.length) return false;
  let i = 0;
  let same = true;
  boosts.forEach((value, key) => {
    if (same && (entry.keys[i] !== key || !Object.is(entry.values[i], value))) same = false;
    i++;
  });
  return same;
}

function resolve(prep: TPreparedLibrary, boosts: ReadonlyMap<string, number>): TResolvedBoosts {
  const keys: string[] = [];
  const values: number[] = [];
  const rows: number[][] = prep.clusters.map(() => []);
  const clamped: number[][] = prep.clusters.map(() => []);
  boosts.forEach((value, key) => {
    keys.push(key);
    values.push(value);
    const at = prep.positions.get(key);
    if (!at) return;
    rows[at[0]]!.push(at[1]);
    clamped[at[0]]!.push(Math.max(-MAX_BOOST, Math.min(MAX_BOOST, value)));
  });
  const clusters = rows.map((r, c) => ({ rows: Int32Array.from(r), boosts: Float64Array.from(clamped[c]!) }));
  return { keys, values, clusters };
}
