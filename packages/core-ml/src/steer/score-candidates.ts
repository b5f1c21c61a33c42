// Scores every song of the query's cluster in one pass: its ranking score is its cosine to the query point (clamped
// to [−1, 1]) plus its boost (clamped, boost-rows.ts). Songs that may not be recommended (the seeds, avoided songs,
// songs outside the tempo range) get NaN, which every later step skips. The reported similarity of a picked song is
// recomputed by cosineOfRow with the same arithmetic, so only one cluster-sized array is written per query.
import type { TLibraryCluster, TPreparedLibrary } from "../prepare-library";
import { clusterBoosts } from "./boost-rows";

/** Inclusive bounds on the scaled tempo column (column −1: no filter). */
export interface TTempoBounds {
  column: number;
  low: number;
  high: number;
}

export interface TScoreRules {
  cluster: number;
  /** Rows of this cluster never to recommend. */
  excludeRows: readonly number[];
  /** Inclusive bounds on the scaled tempo column, or undefined for no filter. */
  tempo?: TTempoBounds;
  boosts?: ReadonlyMap<string, number>;
}

// One score buffer per cluster, reused by every query of that cluster (a cluster is ~20,000 rows: a fresh 160 kB
// array per query was most of the garbage collector's work). Ranking is synchronous and nothing keeps the buffer
// after recommendSteered returns, so reuse cannot leak one query's scores into another.
const buffers = new WeakMap<TLibraryCluster, Float64Array>();

/**
 * Ranking score per row of `block` (NaN: not a candidate). The array is the cluster's reused buffer: valid until the
 * next call for the same cluster.
 */
export function scoreCandidates(prep: TPreparedLibrary, block: TLibraryCluster, unitQuery: Float64Array, rules: TScoreRules): Float64Array {
  const d = prep.dimensions;
  const rows = block.norms.length;
  let scores = buffers.get(block);
  if (!scores) buffers.set(block, (scores = new Float64Array(rows)));
  // The tempo check reads the row the dot product just loaded: one pass over the cluster's memory, not two.
  const tempo = rules.tempo ?? { column: -1, low: -Infinity, high: Infinity };
  if (d === 9) cosines9(block, unitQuery, tempo, scores);
  else {
    for (let r = 0; r < rows; r++) {
      const inRange = tempo.column < 0 || inTempoRange(block.units[r * d + tempo.column]! * block.norms[r]!, tempo);
      scores[r] = inRange ? clampCosine(dotAt(block.units, r * d, unitQuery, d)) : Number.NaN;
    }
  }
  for (const r of rules.excludeRows) scores[r] = Number.NaN;
  if (rules.boosts && rules.boosts.size > 0) {
    const boosted = clusterBoosts(prep, rules.boosts, rules.cluster);
    for (let i = 0; i < boosted.rows.length; i++) scores[boosted.rows[i]!]! += boosted.boosts[i]!; // NaN stays NaN
  }
  return scores;
}

/** Row r's cosine to the unit query, exactly as scoreCandidates computed it before adding the boost. */
export function cosineOfRow(block: TLibraryCluster, d: number, r: number, unitQuery: Float64Array): number {
  const u = block.units;
  const q = unitQuery;
  if (d !== 9) return clampCosine(dotAt(u, r * d, q, d));
  const b = r * 9;
  // The same expression, in the same order, as cosines9: the same bits.
  return clampCosine(
    q[0]! * u[b]! +
      q[1]! * u[b + 1]! +
      q[2]! * u[b + 2]! +
      q[3]! * u[b + 3]! +
      q[4]! * u[b + 4]! +
      q[5]! * u[b + 5]! +
      q[6]! * u[b + 6]! +
      q[7]! * u[b + 7]! +
      q[8]! * u[b + 8]!,
  );
}

function inTempoRange(scaledTempo: number, tempo: TTempoBounds): boolean {
  return scaledTempo >= tempo.low && scaledTempo <= tempo.high;
}

// Unit-vector dot products can overshoot ±1 by an ulp; cosine is reported (and ranked) in its true range.
function clampCosine(c: number): number {
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

function dotAt(units: Float64Array, base: number, q: Float64Array, d: number): number {
  let dot = 0;
  for (let j = 0; j < d; j++) dot += q[j]! * units[base + j]!;
  return dot;
}

// The nine-feature cosines with the query in locals (V8 does not unroll short loops; see recommend.ts), NaN for a
// row outside the tempo bounds.
function cosines9(block: TLibraryCluster, q: Float64Array, tempo: TTempoBounds, out: Float64Array): void {
  const { units, norms } = block;
  const rows = norms.length;
  const q0 = q[0]!,
    q1 = q[1]!,
    q2 = q[2]!,
    q3 = q[3]!,
    q4 = q[4]!,
    q5 = q[5]!,
    q6 = q[6]!,
    q7 = q[7]!,
    q8 = q[8]!;
  const { column, low, high } = tempo;
  const filter = column >= 0;
  for (let r = 0, b = 0; r < rows; r++, b += 9) {
    if (filter) {
      const scaledTempo = units[b + column]! * norms[r]!;
      if (!(scaledTempo >= low && scaledTempo <= high)) {
        out[r] = Number.NaN;
        continue;
      }
    }
    const c =
      q0 * units[b]! +
      q1 * units[b + 1]! +
      q2 * units[b + 2]! +
      q3 * units[b + 3]! +
      q4 * units[b + 4]! +
      q5 * units[b + 5]! +
      q6 * units[b + 6]! +
      q7 * units[b + 7]! +
      q8 * units[b + 8]!;
    out[r] = c > 1 ? 1 : c < -1 ? -1 : c;
  }
}
