// Scores every song of the query's cluster once: its cosine to the query point, and its ranking score (cosine plus
// a clamped boost). Songs that may not be recommended (the seeds, avoided songs, songs outside the tempo range)
// get NaN, which every later step skips.
import type { TLibraryCluster, TPreparedLibrary } from "../prepare-library";
import { MAX_BOOST } from "./steering";

export interface TScoreRules {
  cluster: number;
  /** Rows of this cluster never to recommend. */
  excludeRows: readonly number[];
  /**
   * Scaled vectors of the given songs (seeds and avoided). A row with exactly one of these feature vectors is the
   * same recording under another id (the catalogs list some tracks several times) and is left out too.
   */
  sameAs?: readonly Float64Array[];
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
  for (let r = 0, b = 0; r < rows; r++, b += d) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += unitQuery[j]! * block.units[b + j]!;
    // Unit-vector dot products can overshoot ±1 by an ulp; cosine is reported in its true range.
    cosines[r] = dot > 1 ? 1 : dot < -1 ? -1 : dot;
  }
  for (const r of rules.excludeRows) cosines[r] = Number.NaN;
  for (const v of rules.sameAs ?? []) dropCopies(block, d, v, cosines);
  const tempo = rules.tempo;
  if (tempo) {
    for (let r = 0, b = tempo.column; r < rows; r++, b += d) {
      const scaledTempo = block.units[b]! * block.norms[r]!;
      if (!(scaledTempo >= tempo.low && scaledTempo <= tempo.high)) cosines[r] = Number.NaN;
    }
  }
  if (!rules.boosts || rules.boosts.size === 0) return { cosines, scores: cosines };
  const scores = Float64Array.from(cosines);
  for (const [trackId, boost] of rules.boosts) {
    const at = prep.positions.get(trackId);
    if (!at || at[0] !== rules.cluster) continue;
    scores[at[1]]! += Math.max(-MAX_BOOST, Math.min(MAX_BOOST, boost));
  }
  return { cosines, scores };
}

// Equal vectors have equal norms, so the norm comparison rejects almost every row before the d-wide check.
function dropCopies(block: TLibraryCluster, d: number, scaled: Float64Array, cosines: Float64Array): void {
  let sq = 0;
  for (let j = 0; j < d; j++) sq += scaled[j]! * scaled[j]!;
  const norm = Math.sqrt(sq);
  const tolerance = 1e-12 * Math.max(1, norm);
  const norms = block.norms;
  for (let r = 0; r < norms.length; r++) {
    if (Math.abs(norms[r]! - norm) > tolerance) continue;
    let same = true;
    for (let j = 0; j < d && same; j++) same = Math.abs(block.units[r * d + j]! * norms[r]! - scaled[j]!) <= tolerance;
    if (same) cosines[r] = Number.NaN;
  }
}
