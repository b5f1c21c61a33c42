// Rating statistics: overall, per model version, per cluster of one model, and optionally one stored
// recommendation's query (for its point on the catalog map). Read in parallel.
import type { TDb } from "../client/create-prisma-client";

export type TRatingGroup = { key: string; count: number; average: number | null };
export type TInsightsData = {
  ratings: { count: number; average: number | null };
  recommendations: number;
  models: { id: string; isActive: boolean; createdAt: Date }[];
  /** Keyed by model version. */
  byModel: TRatingGroup[];
  /** Keyed by cluster index (as text), for `clustersOf` only. */
  byCluster: TRatingGroup[];
  /** undefined: none asked for; null: no recommendation with that id. */
  query: { trackTitle: string; trackArtists: string[]; features: unknown; clusterIndex: number } | null | undefined;
};

export async function getInsights(db: TDb, input: { clustersOf: string; recommendationId?: string }): Promise<TInsightsData> {
  const [overall, recommendations, models, byModel, byCluster, query] = await Promise.all([
    db.rating.aggregate({ _count: { _all: true }, _avg: { stars: true } }),
    db.recommendation.count(),
    db.model.findMany({ select: { id: true, isActive: true, createdAt: true }, orderBy: { createdAt: "desc" } }),
    db.$queryRaw<TRatingGroup[]>`
      SELECT r."modelId" AS key, COUNT(*)::int AS count, AVG(rt."stars")::float8 AS average
      FROM "Rating" rt JOIN "Recommendation" r ON r."id" = rt."recommendationId"
      GROUP BY r."modelId"`,
    db.$queryRaw<TRatingGroup[]>`
      SELECT r."clusterIndex"::text AS key, COUNT(*)::int AS count, AVG(rt."stars")::float8 AS average
      FROM "Rating" rt JOIN "Recommendation" r ON r."id" = rt."recommendationId"
      WHERE r."modelId" = ${input.clustersOf}
      GROUP BY r."clusterIndex"`,
    input.recommendationId
      ? db.recommendation.findUnique({
          where: { id: input.recommendationId },
          select: { trackTitle: true, trackArtists: true, features: true, clusterIndex: true },
        })
      : Promise.resolve(undefined),
  ]);
  return {
    ratings: { count: overall._count._all, average: overall._avg.stars ?? null },
    recommendations,
    models,
    byModel,
    byCluster,
    query,
  };
}
