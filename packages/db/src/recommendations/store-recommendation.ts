// Stores a recommendation with its picks in ONE row (the picks as a jsonb array), so the write is atomic without a
// transaction. It calls store_recommendations (a PL/pgSQL function, so its plan is kept; see its migration) with a
// JSON array of recommendations, one jsonb parameter so similarities keep every digit: recommendations that arrive
// while an earlier batch is on its way go in together, one statement and one commit for all (runBatchable). This is
// the web's main write, and on PGlite the largest cost of a recommendation request (db README, "Writes").
import { randomUUID } from "node:crypto";
import type { TAudioFeatures } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";
import { runBatchable } from "../client/run-batchable";
import type { TRecommendationOptions } from "./recommendation-options";

export type TNewRecommendation = {
  queryTitle: string | null;
  queryArtist: string | null;
  queryTrackId: string | null;
  trackId: string;
  trackTitle: string;
  trackArtists: string[];
  features: TAudioFeatures;
  featureSource: string;
  modelId: string;
  clusterIndex: number;
  /** the song kinds the listener chose (absent: the column's default, original + soundtrack) */
  kinds?: string[];
  /** the normalised steering options (absent: null, as before steering existed) */
  options?: TRecommendationOptions;
  /** the running experiment and this visitor's variant, when one chose the model */
  experimentId?: string | null;
  variant?: string | null;
  /** whether the feedback signal adjusted the ranking (absent: false) */
  feedbackSignal?: boolean;
  /** the picks in rank order (the first is rank 1); seedSimilarities: cosine to each of options.seeds, in their order */
  items: TNewRecommendationItem[];
};

export type TNewRecommendationItem = { songId: string; similarity: number; seedSimilarities?: number[] };

// The migration 20261205150000_recommendation_items_in_row holds the INSERT (a PL/pgSQL function).
const STORE_RECOMMENDATIONS = `SELECT store_recommendations($1::jsonb)`;

/**
 * A recommendation serialised once, to be stored any number of times, each time as a new row with its own id and
 * time: the web keeps one for a request it has just answered, and the same request again costs no JSON work here.
 */
export type TPreparedRecommendation = { readonly fieldsJson: string };

export function prepareRecommendation(rec: TNewRecommendation): TPreparedRecommendation {
  const fields = {
    queryTitle: rec.queryTitle,
    queryArtist: rec.queryArtist,
    queryTrackId: rec.queryTrackId,
    trackId: rec.trackId,
    trackTitle: rec.trackTitle,
    trackArtists: rec.trackArtists,
    features: rec.features,
    featureSource: rec.featureSource,
    kinds: rec.kinds ?? ["original", "soundtrack"],
    modelId: rec.modelId,
    clusterIndex: rec.clusterIndex,
    options: rec.options, // undefined: the key is left out, so the column is NULL
    experimentId: rec.experimentId ?? null,
    variant: rec.variant ?? null,
    feedbackSignal: rec.feedbackSignal ?? false,
    // As stored: exactly these keys, seedSimilarities always an array (the reader's zod schema expects it).
    items: rec.items.map((item) => ({
      songId: item.songId,
      similarity: item.similarity,
      seedSimilarities: item.seedSimilarities ?? [],
    })),
  };
  return { fieldsJson: JSON.stringify(fields) };
}

export async function storeRecommendation(
  db: TDb,
  rec: TNewRecommendation | TPreparedRecommendation,
): Promise<{ id: string; createdAt: Date }> {
  const { fieldsJson } = "fieldsJson" in rec ? rec : prepareRecommendation(rec);
  const id = randomUUID();
  const createdAt = new Date();
  // The prepared fields' JSON object with the id and time in front: `{"id":…,"createdAt":…,` + `"queryTitle":…}`.
  const row = `{"id":${JSON.stringify(id)},"createdAt":${JSON.stringify(createdAt.toISOString())},${fieldsJson.slice(1)}`;
  await runBatchable(db, { sql: STORE_RECOMMENDATIONS, row });
  return { id, createdAt };
}
