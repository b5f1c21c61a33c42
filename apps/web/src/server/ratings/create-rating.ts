// A listener's 1–5 rating of one recommendation; at most one per recommendation (409 on a second).
import { createRating as storeRating, type TDb } from "@anisong/db";
import type { TRatingResponse } from "../../lib/api-types";
import { ApiError } from "../http/errors";
import type { TRatingRequest } from "../schemas";

export async function createRating(db: TDb, recommendationId: string, input: TRatingRequest): Promise<TRatingResponse> {
  const result = await storeRating(db, { recommendationId, stars: input.stars, comment: input.comment });
  if (result.status === "recommendation_not_found") throw new ApiError(404, "not_found", "There is no recommendation with that id.");
  if (result.status === "already_rated") throw new ApiError(409, "conflict", "This recommendation has already been rated. Thank you!");
  const { rating } = result;
  return {
    id: rating.id,
    recommendationId,
    stars: rating.stars,
    comment: rating.comment,
    createdAt: rating.createdAt.toISOString(),
  };
}
