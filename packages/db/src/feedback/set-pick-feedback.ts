// A listener's like / not-for-me on one song of one recommendation. ONE statement: the INSERT selects the
// recommendation only when its picks hold the song, so a song that is not in that recommendation inserts nothing, and ON CONFLICT makes a
// repeat idempotent and a change of mind an update. `updatedAt` only moves when the vote changes, so sending
// the same vote twice leaves the row exactly as it was. Outcomes a caller must handle are values.
import type { TDb } from "../client/create-prisma-client";

export type TPickVote = "like" | "dislike";
export const PICK_VOTES: readonly TPickVote[] = ["like", "dislike"];

export type TStoredPickFeedback = { recommendationId: string; songId: string; vote: TPickVote; createdAt: Date; updatedAt: Date };

export type TSetPickFeedbackResult =
  { status: "saved"; feedback: TStoredPickFeedback } | { status: "recommendation_not_found" } | { status: "song_not_in_recommendation" };

export async function setPickFeedback(
  db: TDb,
  input: { recommendationId: string; songId: string; vote: TPickVote },
): Promise<TSetPickFeedbackResult> {
  const { recommendationId, songId, vote } = input;
  const now = new Date().toISOString();
  const rows = await db.$queryRaw<{ vote: TPickVote; createdAt: Date; updatedAt: Date }[]>`
    INSERT INTO "PickFeedback" ("recommendationId", "songId", "vote", "createdAt", "updatedAt")
    SELECT r."id", ${songId}, ${vote}, ${now}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC'
    FROM "Recommendation" r
    WHERE r."id" = ${recommendationId} AND r."items" @> jsonb_build_array(jsonb_build_object('songId', ${songId}::text))
    ON CONFLICT ("recommendationId", "songId") DO UPDATE SET
      "vote" = EXCLUDED."vote",
      "updatedAt" = CASE WHEN "PickFeedback"."vote" = EXCLUDED."vote" THEN "PickFeedback"."updatedAt" ELSE EXCLUDED."updatedAt" END
    RETURNING "vote", "createdAt", "updatedAt"`;
  const row = rows[0];
  if (row) return { status: "saved", feedback: { recommendationId, songId, ...row } };
  return (await recommendationExists(db, recommendationId))
    ? { status: "song_not_in_recommendation" }
    : { status: "recommendation_not_found" };
}

export async function recommendationExists(db: TDb, recommendationId: string): Promise<boolean> {
  return (await db.recommendation.count({ where: { id: recommendationId } })) > 0;
}
