// Likes and dislikes per song, the input of core-ml's feedback signal. Without `modelId`: one row per song over
// every recommendation. With `modelId`: only that model's recommendations, one row per song and query cluster
// (the cluster the listener's song fell in — a song may suit one neighbourhood and not another). Songs nobody
// voted on have no row. Sorted by votes, most first.
import type { TDb } from "../client/create-prisma-client";

export type TSongFeedbackRow = {
  songId: string;
  title: string;
  artists: string[];
  /** the recommendation's cluster under `modelId`; null when the rows are per song only */
  clusterIndex: number | null;
  likes: number;
  dislikes: number;
};

export async function listSongFeedback(db: TDb, input: { modelId?: string | null } = {}): Promise<TSongFeedbackRow[]> {
  const modelId = input.modelId ?? null;
  const rows = await db.$queryRaw<
    { songId: string; title: string; artists: string[]; clusterIndex: number | null; likes: number; dislikes: number }[]
  >`
    SELECT f."songId", s."title", s."artists",
      CASE WHEN ${modelId}::text IS NULL THEN NULL ELSE r."clusterIndex" END AS "clusterIndex",
      (count(*) FILTER (WHERE f."vote" = 'like'))::int AS "likes",
      (count(*) FILTER (WHERE f."vote" = 'dislike'))::int AS "dislikes"
    FROM "PickFeedback" f
    JOIN "Recommendation" r ON r."id" = f."recommendationId"
    JOIN "Song" s ON s."id" = f."songId"
    WHERE ${modelId}::text IS NULL OR r."modelId" = ${modelId}::text
    GROUP BY f."songId", s."title", s."artists", 4
    ORDER BY count(*) DESC, f."songId", 4`;
  return rows.map((r) => ({ ...r, likes: Number(r.likes), dislikes: Number(r.dislikes) }));
}
