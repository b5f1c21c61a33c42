// A listener's 1–5 rating of one recommendation; at most one per recommendation (a unique index), and a
// second is refused, not merged. The insert is ONE statement (INSERT … SELECT … ON CONFLICT DO NOTHING), so
// two ratings racing cannot both get in nor surface a duplicate-key error (the PGlite adapter's error carried
// no P2002 code, so catching it was not enough). The outcome is a value, not an exception: the caller
// decides what "not found" and "already rated" mean.
import { randomUUID } from "node:crypto";
import type { TDb } from "../client/create-prisma-client";

export type TStoredRating = { id: string; recommendationId: string; stars: number; comment: string | null; createdAt: Date };
export type TCreateRatingResult =
  { status: "created"; rating: TStoredRating } | { status: "recommendation_not_found" } | { status: "already_rated" };

export async function createRating(
  db: TDb,
  input: { recommendationId: string; stars: number; comment?: string | null },
): Promise<TCreateRatingResult> {
  const { recommendationId, stars } = input;
  const comment = input.comment ?? null;
  const id = randomUUID();
  const createdAt = new Date();
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Rating" ("id", "recommendationId", "stars", "comment", "createdAt")
    SELECT ${id}, r."id", ${stars}, ${comment}, ${createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM "Recommendation" r WHERE r."id" = ${recommendationId}
    ON CONFLICT ("recommendationId") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 1) return { status: "created", rating: { id, recommendationId, stars, comment, createdAt } };
  const exists = await db.recommendation.count({ where: { id: recommendationId } });
  return exists ? { status: "already_rated" } : { status: "recommendation_not_found" };
}
