// recommend with steering: several seeds, songs to avoid, feature targets, a tempo range, variety and boosts.
// The rule (query-point.ts): q = mean(seeds) − β·mean(avoid), then ±TARGET_STEP per targeted feature; the cluster
// is q's by the model's rule, and that cluster's songs are ranked by cosine to q (plus boosts), then picked by
// select-diverse.ts.
import { assignCluster } from "../assign-cluster";
import { InvalidArgumentError } from "../errors";
import type { TModelArtifact } from "../model-artifact";
import type { TLibrarySong, TPreparedLibrary } from "../prepare-library";
import { resolveLibrary } from "../resolve-library";
import { buildQueryPoint } from "./query-point";
import { cosineOfRow, scanCandidates } from "./score-candidates";
import { VectorSlots } from "./scratch";
import { selectDiverse } from "./select-diverse";
import type { TSeed, TSteerOptions, TSteeredItem, TSteeredResult, TSteering } from "./steering";
import { validateSteerOptions, validateSteering } from "./validate-steering";

// Scaled tempo bounds are widened by this much so a song exactly at a bound (after the scale round trip) stays in.
const TEMPO_EPSILON = 1e-9;

// The query's unit vectors (query point, seeds, avoided songs), reused by every query (see VectorSlots).
const unitSlots = new VectorSlots();

/** v / |v| into `out` (zeros for a zero vector). */
function unitInto(v: Float64Array, out: Float64Array): Float64Array {
  let sq = 0;
  for (let j = 0; j < v.length; j++) sq += v[j]! * v[j]!;
  const norm = Math.sqrt(sq);
  if (norm === 0) return out.fill(0);
  for (let j = 0; j < v.length; j++) out[j] = v[j]! / norm;
  return out;
}

/**
 * Recommends the topN songs of the query point's cluster (see the file comment), never a seed's or avoided song's
 * track, songKey, or a song with exactly its audio features (the same recording under another id). Throws InvalidArgumentError for a bad request (seed count, targets, tempo range, options) and
 * InvalidFeaturesError naming the seed with missing/NaN/out-of-range features.
 */
export function recommendSteered(
  model: TModelArtifact,
  steering: TSteering,
  library: TPreparedLibrary | readonly TLibrarySong[],
  opts: TSteerOptions = {},
): TSteeredResult {
  validateSteering(steering);
  const options = validateSteerOptions(opts);
  const query = buildQueryPoint(model, steering, { scratch: true });
  const prep = resolveLibrary(model, library);
  const cluster = assignCluster(query.point, model.centroids, { metric: model.assignment });
  const result: TSteeredResult = { cluster, queryPoint: Array.from(query.point), items: [], shifts: query.shifts };

  let tempo: { column: number; low: number; high: number } | undefined;
  const range = steering.tempoRange;
  if (range && (range.min !== undefined || range.max !== undefined)) {
    const column = model.featureNames.indexOf("tempo");
    if (column < 0) throw new InvalidArgumentError("steering.tempoRange: the model has no tempo feature");
    const { mean, scale } = model.scaler;
    const toScaled = (bpm: number) => (bpm - mean[column]!) / scale[column]!;
    tempo = {
      column,
      low: range.min === undefined ? -Infinity : toScaled(range.min) - TEMPO_EPSILON,
      high: range.max === undefined ? Infinity : toScaled(range.max) + TEMPO_EPSILON,
    };
  }

  const block = prep.clusters[cluster];
  const topN = Math.floor(options.topN);
  if (!block || !(topN > 0)) return result;

  const given: readonly TSeed[] = [...steering.seeds, ...(steering.avoid ?? [])];
  const excludeRows: number[] = [];
  const takenSongKeys = new Set<number>();
  for (const seed of given) {
    const at = seed.trackId !== undefined ? prep.positions.get(seed.trackId) : undefined;
    if (at && at[0] === cluster) excludeRows.push(at[1]);
    const songKeyId =
      seed.songKey !== undefined ? (prep.songKeys.get(seed.songKey) ?? -1) : at ? prep.clusters[at[0]]!.songKeyIds[at[1]]! : -1;
    if (songKeyId >= 0) takenSongKeys.add(songKeyId);
  }

  const units = unitSlots.take(1 + query.seeds.length + query.avoid.length, query.point.length);
  const unitQuery = unitInto(query.point, units[0]!);
  const candidates = scanCandidates(prep, block, unitQuery, {
    cluster,
    excludeRows,
    tempo,
    sortColumn: Math.max(0, model.featureNames.indexOf("tempo")),
    boosts: options.boosts,
  });
  const rows = selectDiverse(
    block,
    prep.dimensions,
    candidates.scores,
    {
      n: topN,
      maxPerArtist: options.maxPerArtist,
      variety: options.variety,
      takenSongKeys,
      sameAs: [...query.seeds, ...query.avoid],
    },
    candidates.top,
    candidates.vectors,
  );

  const d = prep.dimensions;
  const unitSeeds = query.seeds.map((v, i) => unitInto(v, units[1 + i]!));
  const unitAvoid = query.avoid.map((v, i) => unitInto(v, units[1 + query.seeds.length + i]!));
  // Every returned row's vector is in the scan's hot copy (the same values as the cluster's: the same bits).
  const { units: hot, slots } = candidates.vectors;
  result.items = rows.map((r): TSteeredItem => ({
    trackId: block.trackIds[r]!,
    index: block.songIndex[r]!,
    similarity: cosineOfRow(block, d, r, unitQuery),
    seedSimilarities: cosinesTo(hot, slots[r]! * d, d, unitSeeds),
    avoidSimilarities: cosinesTo(hot, slots[r]! * d, d, unitAvoid),
  }));
  return result;
}

/** The cosine (clamped to [−1, 1]) of the unit vector at units[at …] to each unit vector of `targets`. */
function cosinesTo(units: Float64Array, at: number, d: number, targets: readonly Float64Array[]): number[] {
  // map sizes the array once (push grew it twice for five targets: garbage for every item).
  return targets.map((u) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += units[at + j]! * u[j]!;
    return s > 1 ? 1 : s < -1 ? -1 : s;
  });
}
