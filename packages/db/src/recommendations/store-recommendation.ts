// Stores a recommendation and its items in ONE statement, so it is atomic without an interactive transaction.
// Prisma's nested create costs five round trips (BEGIN, two INSERTs, SELECT, COMMIT): 5.6 ms per recommendation
// on PGlite against about 1 ms here, and the write is the web request's main cost. The statement calls
// store_recommendations (a data-modifying CTE in a PL/pgSQL function, see its migration) with a JSON array of
// recommendations, one jsonb parameter so similarities keep every digit; recommendations that arrive while an
// earlier batch is on its way go in together (runBatchable).
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
  /** seedSimilarities: cosine to each of options.seeds, in their order */
  items: { rank: number; songId: string; similarity: number; seedSimilarities?: number[] }[];
};

// The migration 20261204210000_store_recommendations holds the INSERT (a PL/pgSQL function, so its plan is kept).
const STORE_RECOMMENDATIONS = `SELECT store_recommendations($1::jsonb)`;

export async function storeRecommendation(db: TDb, rec: TNewRecommendation): Promise<{ id: string; createdAt: Date }> {
  const id = randomUUID();
  const createdAt = new Date();
  const row = {
    id,
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
    createdAt: createdAt.toISOString(),
    experimentId: rec.experimentId ?? null,
    variant: rec.variant ?? null,
    feedbackSignal: rec.feedbackSignal ?? false,
    items: rec.items,
  };
  await runBatchable(db, { sql: STORE_RECOMMENDATIONS, row: JSON.stringify(row) });
  return { id, createdAt };
}
