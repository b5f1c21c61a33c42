// A listener's 1–5 rating of one recommendation; at most one per recommendation (409 on a second).
import type { TDb } from "@anisong/db";
import type { TRatingResponse } from "../../lib/api-types";
import { ApiError } from "../http/errors";
import type { TRatingRequest } from "../schemas";

export async function createRating(db: TDb, recommendationId: string, input: TRatingRequest): Promise<TRatingResponse> {
  const recommendation = await db.recommendation.findUnique({
    where: { id: recommendationId },
    select: { id: true, rating: { select: { id: true } } },
  });
  if (!recommendation) throw new ApiError(404, "not_found", "There is no recommendation with that id.");
  if (recommendation.rating) throw alreadyRated();
  try {
    const rating = await db.rating.create({
      data: { recommendationId, stars: input.stars, comment: input.comment },
    });
    return {
      id: rating.id,
      recommendationId,
      stars: rating.stars,
      comment: rating.comment,
      createdAt: rating.createdAt.toISOString(),
    };
  } catch (error) {
    // Two ratings racing: the unique index on recommendationId lets only one in.
    if ((error as { code?: unknown }).code === "P2002") throw alreadyRated();
    throw error;
  }
}

function alreadyRated(): ApiError {
  return new ApiError(409, "conflict", "This recommendation has already been rated. Thank you!");
}
