// Every experiment, newest first, with per-variant counts: recommendations served, ratings (and their mean)
// and pick votes. What `pipeline experiment status` prints and Insights can compare.
import type { TDb } from "../client/create-prisma-client";
import { toExperiment, type TExperiment } from "./experiment";

export type TVariantStats = {
  variant: string;
  recommendations: number;
  ratings: number;
  meanStars: number | null;
  likes: number;
  dislikes: number;
};
export type TExperimentWithStats = TExperiment & { stats: TVariantStats[] };

export async function listExperiments(db: TDb): Promise<TExperimentWithStats[]> {
  const rows = await db.experiment.findMany({ orderBy: { startedAt: "desc" } });
  if (rows.length === 0) return [];
  const stats = await db.$queryRaw<(TVariantStats & { experimentId: string })[]>`
    SELECT r."experimentId", r."variant",
      count(*)::int AS "recommendations",
      count(rt."id")::int AS "ratings",
      avg(rt."stars")::float8 AS "meanStars",
      coalesce(sum(v."likes"), 0)::int AS "likes",
      coalesce(sum(v."dislikes"), 0)::int AS "dislikes"
    FROM "Recommendation" r
    LEFT JOIN "Rating" rt ON rt."recommendationId" = r."id"
    LEFT JOIN (
      SELECT "recommendationId",
        count(*) FILTER (WHERE "vote" = 'like') AS "likes",
        count(*) FILTER (WHERE "vote" = 'dislike') AS "dislikes"
      FROM "PickFeedback" GROUP BY "recommendationId"
    ) v ON v."recommendationId" = r."id"
    WHERE r."experimentId" IS NOT NULL
    GROUP BY r."experimentId", r."variant"`;
  return rows.map((row) => {
    const experiment = toExperiment(row);
    return {
      ...experiment,
      stats: experiment.variants.map((v) => {
        const s = stats.find((x) => x.experimentId === row.id && x.variant === v.name);
        return {
          variant: v.name,
          recommendations: Number(s?.recommendations ?? 0),
          ratings: Number(s?.ratings ?? 0),
          meanStars: s?.meanStars == null ? null : Number(s.meanStars),
          likes: Number(s?.likes ?? 0),
          dislikes: Number(s?.dislikes ?? 0),
        };
      }),
    };
  });
}
