// Ratings grouped by one property of the recommendation they rate: the cluster it was placed in (for one
// model version), the song kinds the listener chose, or the source of the query's features.
import { Prisma } from "../generated/prisma/client";
import type { TDb } from "../client/create-prisma-client";
import { SUMMARY_COLUMNS, type TRatingSummary } from "./rating-summary";

export type TRatingDimension = "cluster" | "kinds" | "source" | "model";

// Fixed SQL per dimension (never built from input). Kinds are grouped as the sorted set the listener chose,
// e.g. "original+soundtrack", so each rating counts once.
const KEY: Record<TRatingDimension, Prisma.Sql> = {
  cluster: Prisma.sql`r."clusterIndex"::text`,
  kinds: Prisma.sql`array_to_string(ARRAY(SELECT k FROM unnest(r."kinds") AS k ORDER BY k), '+')`,
  source: Prisma.sql`r."featureSource"`,
  model: Prisma.sql`r."modelId"`,
};

/** One summary per value of the dimension, largest group first. `modelId` restricts to one model (clusters need it). */
export async function groupRatings(db: TDb, input: { by: TRatingDimension; modelId?: string }): Promise<TRatingSummary[]> {
  const where = input.modelId === undefined ? Prisma.empty : Prisma.sql`WHERE r."modelId" = ${input.modelId}`;
  return db.$queryRaw<TRatingSummary[]>`
    SELECT ${KEY[input.by]} AS key, ${SUMMARY_COLUMNS}
    FROM "Rating" rt JOIN "Recommendation" r ON r."id" = rt."recommendationId"
    ${where}
    GROUP BY 1
    ORDER BY n DESC, key`;
}
