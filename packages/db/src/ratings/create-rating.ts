// A listener's 1–5 rating of one recommendation; at most one per recommendation (a unique index).
// The outcome is a value, not an exception: the caller decides what "not found" and "already rated" mean.
import type { TDb } from "../client/create-prisma-client";

export type TStoredRating = { id: string; recommendationId: string; stars: number; comment: string | null; createdAt: Date };
export type TCreateRatingResult =
  | { status: "created"; rating: TStoredRating }
  | { status: "recommendation_not_found" }
  | { status: "already_rated" };

export async function createRating(
  db: TDb,
  input: { recommendationId: string; stars: number; comment?: string | null },
): Promise<TCreateRatingResult> {
  const { recommendationId, stars, comment } = input;
  const recommendation = await db.recommendation.findUnique({
    where: { id: recommendationId },
    select: { id: true, rating: { select: { id: true } } },
  });
  if (!recommendation) return { status: "recommendation_not_found" };
  if (recommendation.rating) return { status: "already_rated" };
  try {
    const rating = await db.rating.create({ data: { recommendationId, stars, comment } });
    return { status: "created", rating };
  } catch (error) {
    // Two ratings racing: the unique index on recommendationId lets only one in.
    if ((error as { code?: unknown }).code === "P2002") return { status: "already_rated" };
    throw error;
  }
}
