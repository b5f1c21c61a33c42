// Per experiment and variant: recommendations served, the stars' n, mean and sample variance (for the 95 %
// interval and Welch's t-test) and the pick votes (for the like rate). Variants with no recommendation yet
// have no row; the caller fills them from the experiment's variant list.
import type { TDb } from "../client/create-prisma-client";

export type TVariantSummary = {
  experimentId: string;
  variant: string;
  recommendations: number;
  /** ratings */
  n: number;
  /** mean stars, null without ratings */
  mean: number | null;
  variance: number;
  likes: number;
  dislikes: number;
};

export async function summarizeExperimentVariants(db: TDb): Promise<TVariantSummary[]> {
  return db.$queryRaw<TVariantSummary[]>`
    SELECT r."experimentId", r."variant",
      COUNT(*)::int AS recommendations,
      COUNT(rt."id")::int AS n,
      AVG(rt."stars")::float8 AS mean,
      COALESCE(VAR_SAMP(rt."stars"), 0)::float8 AS variance,
      COALESCE(SUM(v.likes), 0)::int AS likes,
      COALESCE(SUM(v.dislikes), 0)::int AS dislikes
    FROM "Recommendation" r
    LEFT JOIN "Rating" rt ON rt."recommendationId" = r."id"
    LEFT JOIN (
      SELECT "recommendationId",
        COUNT(*) FILTER (WHERE "vote" = 'like') AS likes,
        COUNT(*) FILTER (WHERE "vote" = 'dislike') AS dislikes
      FROM "PickFeedback" GROUP BY "recommendationId"
    ) v ON v."recommendationId" = r."id"
    WHERE r."experimentId" IS NOT NULL AND r."variant" IS NOT NULL
    GROUP BY r."experimentId", r."variant"
    ORDER BY r."experimentId", r."variant"`;
}
