// Takes a vote back (the listener pressed the pressed button again). Idempotent: clearing a vote that is
// not there is not an error (`removed: false`); an unknown recommendation or a song outside it is.
import type { TDb } from "../client/create-prisma-client";
import { recommendationExists } from "./set-pick-feedback";

export type TClearPickFeedbackResult =
  { status: "cleared"; removed: boolean } | { status: "recommendation_not_found" } | { status: "song_not_in_recommendation" };

export async function clearPickFeedback(db: TDb, input: { recommendationId: string; songId: string }): Promise<TClearPickFeedbackResult> {
  const { recommendationId, songId } = input;
  const { count } = await db.pickFeedback.deleteMany({ where: { recommendationId, songId } });
  if (count > 0) return { status: "cleared", removed: true };
  // jsonb containment (@>): the recommendation's picks hold this song.
  const holding = await db.recommendation.count({ where: { id: recommendationId, items: { array_contains: [{ songId }] } } });
  if (holding > 0) return { status: "cleared", removed: false };
  return (await recommendationExists(db, recommendationId))
    ? { status: "song_not_in_recommendation" }
    : { status: "recommendation_not_found" };
}
