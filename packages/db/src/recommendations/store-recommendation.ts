// Stores a recommendation and its items as ONE SQL statement (a data-modifying CTE), so it is atomic
// without an interactive transaction. Prisma's nested create costs five round trips (BEGIN, two INSERTs,
// SELECT, COMMIT): 5.6 ms per recommendation on PGlite against about 1 ms here, and the write is the
// web request's main cost. Items travel as one jsonb parameter so similarities keep every digit.
import { randomUUID } from "node:crypto";
import type { TAudioFeatures } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";

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
  /** the running experiment and this visitor's variant, when one chose the model */
  experimentId?: string | null;
  variant?: string | null;
  /** whether the feedback signal adjusted the ranking (absent: false) */
  feedbackSignal?: boolean;
  items: { rank: number; songId: string; similarity: number }[];
};

export async function storeRecommendation(db: TDb, rec: TNewRecommendation): Promise<{ id: string; createdAt: Date }> {
  const id = randomUUID();
  const createdAt = new Date();
  await db.$executeRaw`
    WITH rec AS (
      INSERT INTO "Recommendation" ("id", "queryTitle", "queryArtist", "queryTrackId", "trackId", "trackTitle",
        "trackArtists", "features", "featureSource", "kinds", "modelId", "clusterIndex", "createdAt",
        "experimentId", "variant", "feedbackSignal")
      VALUES (${id}, ${rec.queryTitle}, ${rec.queryArtist}, ${rec.queryTrackId}, ${rec.trackId}, ${rec.trackTitle},
        ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(rec.trackArtists)}::jsonb)),
        ${JSON.stringify(rec.features)}::jsonb, ${rec.featureSource},
        ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(rec.kinds ?? ["original", "soundtrack"])}::jsonb)), ${rec.modelId}, ${rec.clusterIndex},
        ${createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC',
        ${rec.experimentId ?? null}, ${rec.variant ?? null}, ${rec.feedbackSignal ?? false})
      RETURNING "id"
    )
    INSERT INTO "RecommendationItem" ("recommendationId", "rank", "songId", "similarity")
    SELECT rec."id", item."rank", item."songId", item."similarity"
    FROM rec, jsonb_to_recordset(${JSON.stringify(rec.items)}::jsonb)
      AS item("rank" int, "songId" text, "similarity" float8)`;
  return { id, createdAt };
}
