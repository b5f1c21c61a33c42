// The product's core call: place a song in a cluster and rank that cluster's songs by cosine similarity.
import { assignCluster } from "./assign-cluster";
import { InvalidArgumentError } from "./errors";
import type { TAudioFeatures } from "./features";
import type { TModelArtifact } from "./model-artifact";
import { prepareLibrary, type TLibrarySong, type TPreparedLibrary } from "./prepare-library";
import { scaleFeatures } from "./scale";
import { TopN } from "./top-n";

export interface TRecommendQuery {
  /** The query's own Spotify id; it is never recommended back. */
  trackId?: string;
  /** Raw (unscaled) audio features. */
  features: TAudioFeatures;
}

export interface TRecommendOptions {
  /** How many songs to return (default 10; ≤ 0 gives none). */
  topN?: number;
}

export interface TRecommendation {
  trackId: string;
  /** Position in the songs array the library was prepared from. */
  index: number;
  similarity: number;
}

export interface TRecommendResult {
  cluster: number;
  scaledQuery: number[];
  items: TRecommendation[];
}

// Raw song arrays are prepared once per (array, model) pair and reused.
const prepared = new WeakMap<readonly TLibrarySong[], Map<string, TPreparedLibrary>>();

function preparedFor(model: TModelArtifact, songs: readonly TLibrarySong[]): TPreparedLibrary {
  let byModel = prepared.get(songs);
  if (!byModel) prepared.set(songs, (byModel = new Map()));
  let library = byModel.get(model.version);
  if (!library) byModel.set(model.version, (library = prepareLibrary(model, songs)));
  return library;
}

/**
 * Scales the query with the model's scaler, assigns its cluster by the model's rule, and returns the topN songs of
 * that cluster by cosine similarity (best first, library order on ties), never the query's own track.
 * Throws InvalidFeaturesError for missing/NaN/out-of-range features.
 */
export function recommend(
  model: TModelArtifact,
  query: TRecommendQuery,
  library: TPreparedLibrary | readonly TLibrarySong[],
  opts: TRecommendOptions = {},
): TRecommendResult {
  const topN = opts.topN ?? 10;
  if (typeof topN !== "number" || Number.isNaN(topN)) throw new InvalidArgumentError(`topN must be a number, got ${topN}`);
  const scaled = scaleFeatures(model, query.features);
  const cluster = assignCluster(scaled, model.centroids, { metric: model.assignment });
  const prep = Array.isArray(library) ? preparedFor(model, library as readonly TLibrarySong[]) : (library as TPreparedLibrary);
  if (prep.modelVersion !== model.version) {
    throw new InvalidArgumentError(`library was prepared for model ${prep.modelVersion}, not ${model.version}`);
  }
  const block = prep.clusters[cluster];
  const result: TRecommendResult = { cluster, scaledQuery: Array.from(scaled), items: [] };
  if (!block || !(topN > 0)) return result;

  const d = prep.dimensions;
  let qNorm = 0;
  for (let j = 0; j < d; j++) qNorm += scaled[j]! * scaled[j]!;
  qNorm = Math.sqrt(qNorm);
  const unit = new Float64Array(d);
  if (qNorm > 0) for (let j = 0; j < d; j++) unit[j] = scaled[j]! / qNorm;
  const own = query.trackId !== undefined ? prep.positions.get(query.trackId) : undefined;
  const skipRow = own && own[0] === cluster ? own[1] : -1;
  const top = new TopN(Math.min(Math.floor(topN), block.norms.length - (skipRow >= 0 ? 1 : 0)));
  if (d === 9) scanUnits9(block.units, block.norms.length, unit, skipRow, top);
  else scanUnits(block.units, block.norms.length, d, unit, skipRow, top);
  for (let i = 0; i < top.size; i++) {
    const r = top.indices[i]!;
    // Unit-vector dot products can overshoot ±1 by an ulp; cosine is reported in its true range.
    const similarity = Math.min(1, Math.max(-1, top.scores[i]!));
    result.items.push({ trackId: block.trackIds[r]!, index: block.songIndex[r]!, similarity });
  }
  return result;
}

function scanUnits(units: Float64Array, rows: number, d: number, q: Float64Array, skipRow: number, top: TopN): void {
  for (let r = 0, base = 0; r < rows; r++, base += d) {
    if (r === skipRow) continue;
    let dot = 0;
    for (let j = 0; j < d; j++) dot += q[j]! * units[base + j]!;
    if (dot >= top.threshold) top.push(r, dot);
  }
}

// The nine-feature scan with the query in locals: ~20 k songs per cluster in well under a millisecond.
function scanUnits9(units: Float64Array, rows: number, q: Float64Array, skipRow: number, top: TopN): void {
  const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!, q3 = q[3]!, q4 = q[4]!, q5 = q[5]!, q6 = q[6]!, q7 = q[7]!, q8 = q[8]!;
  let threshold = top.threshold;
  for (let r = 0, b = 0; r < rows; r++, b += 9) {
    const dot =
      q0 * units[b]! + q1 * units[b + 1]! + q2 * units[b + 2]! + q3 * units[b + 3]! + q4 * units[b + 4]! +
      q5 * units[b + 5]! + q6 * units[b + 6]! + q7 * units[b + 7]! + q8 * units[b + 8]!;
    // Cheap pre-check; TopN.push itself keeps the earlier row on an exact tie.
    if (dot >= threshold && r !== skipRow) {
      top.push(r, dot);
      threshold = top.threshold;
    }
  }
}
