// Ratings per UTC day (count, mean, variance), oldest first, for the "ratings over time" chart.
import type { TDb } from "../client/create-prisma-client";
import { SUMMARY_COLUMNS, type TRatingSummary } from "./rating-summary";

/** `key` is the day as YYYY-MM-DD (UTC); only days with ratings appear, at most the last `days` of them. */
export async function listDailyRatings(db: TDb, input: { days: number }): Promise<TRatingSummary[]> {
  const rows = await db.$queryRaw<TRatingSummary[]>`
    SELECT to_char(rt."createdAt", 'YYYY-MM-DD') AS key, ${SUMMARY_COLUMNS}
    FROM "Rating" rt
    GROUP BY 1
    ORDER BY 1 DESC
    LIMIT ${input.days}`;
  return rows.reverse();
}
