// Scores every song of the query's cluster once: its cosine to the query point, and its ranking score (cosine plus
// a clamped boost). Songs that may not be recommended (the seeds, avoided songs, songs outside the tempo range)
// get NaN, which every later step skips.
import type { TLibraryCluster, TPreparedLibrary } from "../prepare-library";
import { MAX_BOOST } from "./steering";

export interface TScoreRules {
  cluster: number;
  /** Rows of this cluster never to recommend. */
  excludeRows: readonly number[];
  /** Inclusive bounds on the scaled tempo column, or undefined for no filter. */
  tempo?: { column: number; low: number; high: number };
  boosts?: ReadonlyMap<string, number>;
}

export interface TClusterScores {
  /** Cosine to the query point per row (NaN: not a candidate). */
  cosines: Float64Array;
  /** Ranking score per row: cosine + boost (the same array as cosines when there are no boosts). */
  scores: Float64Array;
}

export function scoreCandidates(
  prep: TPreparedLibrary,
  block: TLibraryCluster,
  unitQuery: Float64Array,
  rules: TScoreRules,
): TClusterScores {
  const d = prep.dimensions;
  const rows = block.norms.length;
  const cosines = new Float64Array(rows);
  if (d === 9) dots9(block.units, rows, unitQuery, cosines);
  else {
    for (let r = 0, b = 0; r < rows; r++, b += d) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += unitQuery[j]! * block.units[b + j]!;
      cosines[r] = dot;
    }
  }
  // Unit-vector dot products can overshoot ±1 by an ulp; cosine is reported in its true range.
  for (let r = 0; r < rows; r++) {
    const c = cosines[r]!;
    if (c > 1) cosines[r] = 1;
    else if (c < -1) cosines[r] = -1;
  }
  for (const r of rules.excludeRows) cosines[r] = Number.NaN;
  const tempo = rules.tempo;
  if (tempo) {
    for (let r = 0, b = tempo.column; r < rows; r++, b += d) {
      const scaledTempo = block.units[b]! * block.norms[r]!;
      if (!(scaledTempo >= tempo.low && scaledTempo <= tempo.high)) cosines[r] = Number.NaN;
    }
  }
  if (!rules.boosts || rules.boosts.size === 0) return { cosines, scores: cosines };
  const scores = cosines.slice();
  for (const [trackId, boost] of rules.boosts) {
    const at = prep.positions.get(trackId);
    if (!at || at[0] !== rules.cluster) continue;
    scores[at[1]]! += Math.max(-MAX_BOOST, Math.min(MAX_BOOST, boost));
  }
  return { cosines, scores };
}

// The nine-feature dot products with the query in locals (V8 does not unroll short loops; see recommend.ts).
function dots9(units: Float64Array, rows: number, q: Float64Array, out: Float64Array): void {
  const q0 = q[0]!,
    q1 = q[1]!,
    q2 = q[2]!,
    q3 = q[3]!,
    q4 = q[4]!,
    q5 = q[5]!,
    q6 = q[6]!,
    q7 = q[7]!,
    q8 = q[8]!;
  for (let r = 0, b = 0; r < rows; r++, b += 9) {
    out[r] =
      q0 * units[b]! +
      q1 * units[b + 1]! +
      q2 * units[b + 2]! +
      q3 * units[b + 3]! +
      q4 * units[b + 4]! +
      q5 * units[b + 5]! +
      q6 * units[b + 6]! +
      q7 * units[b + 7]! +
      q8 * units[b + 8]!;
  }
}
