// A listener's like / not-for-me on one pick: set (idempotent, changeable) or cleared. 404 when the
// recommendation is unknown or the song is not one of its picks.
import { clearPickFeedback as clearStored, setPickFeedback as setStored, type TDb } from "@anisong/db";
import type { TPickFeedbackResponse } from "../../lib/api-types";
import { ApiError } from "../http/errors";
import type { TPickFeedbackRequest } from "../schemas";

type TPick = { recommendationId: string; songId: string };

export async function setPickFeedback(db: TDb, pick: TPick, input: TPickFeedbackRequest): Promise<TPickFeedbackResponse> {
  const result = await setStored(db, { ...pick, vote: input.vote });
  if (result.status !== "saved") throw notFound(result.status);
  return { recommendationId: pick.recommendationId, trackId: pick.songId, vote: result.feedback.vote };
}

export async function clearPickFeedback(db: TDb, pick: TPick): Promise<TPickFeedbackResponse> {
  const result = await clearStored(db, pick);
  if (result.status !== "cleared") throw notFound(result.status);
  return { recommendationId: pick.recommendationId, trackId: pick.songId, vote: null };
}

function notFound(status: "recommendation_not_found" | "song_not_in_recommendation"): ApiError {
  return status === "recommendation_not_found"
    ? new ApiError(404, "not_found", "There is no recommendation with that id.")
    : new ApiError(404, "not_found", "That song is not one of this recommendation's picks.");
}
