// Ratings by the steering options the listener used. The options column (Recommendation.options, jsonb)
// arrives with the steering work; until the database has it this answers null and the page says so.
// An option counts as used when its value is not null, false, 0, "" or empty: a recommendation that used two
// options is counted in both groups; one that used none is in the group "none".
import type { TDb } from "../client/create-prisma-client";
import { SUMMARY_COLUMNS, type TRatingSummary } from "./rating-summary";

async function hasOptionsColumn(db: TDb): Promise<boolean> {
  const [row] = await db.$queryRaw<{ present: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'Recommendation' AND column_name = 'options'
    ) AS present`;
  return row?.present ?? false;
}

export async function groupRatingsByOption(db: TDb): Promise<TRatingSummary[] | null> {
  if (!(await hasOptionsColumn(db))) return null;
  // Read through to_jsonb(r) so the statement is valid whether or not this database has the column.
  return db.$queryRaw<TRatingSummary[]>`
    SELECT COALESCE(used.key, 'none') AS key, ${SUMMARY_COLUMNS}
    FROM "Rating" rt
    JOIN "Recommendation" r ON r."id" = rt."recommendationId"
    LEFT JOIN LATERAL (
      SELECT e.key FROM jsonb_each(
        CASE WHEN jsonb_typeof(to_jsonb(r) -> 'options') = 'object' THEN to_jsonb(r) -> 'options' ELSE '{}'::jsonb END
      ) AS e
      WHERE e.value NOT IN ('null'::jsonb, 'false'::jsonb, '0'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)
    ) AS used ON true
    GROUP BY 1
    ORDER BY n DESC, key`;
}
