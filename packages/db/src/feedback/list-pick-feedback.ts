// Every pick vote with the song and the recommendation it was given on (query, model, experiment variant),
// oldest first: the feedback CSV export.
import type { TDb } from "../client/create-prisma-client";

export type TPickFeedbackRow = {
  recommendationId: string;
  songId: string;
  title: string;
  artists: string[];
  vote: string;
  createdAt: Date;
  updatedAt: Date;
  queryTitle: string | null;
  queryArtist: string | null;
  queryTrackId: string | null;
  trackTitle: string;
  trackArtists: string[];
  modelId: string;
  experiment: string | null;
  variant: string | null;
  feedbackSignal: boolean;
};

export async function listPickFeedback(db: TDb): Promise<TPickFeedbackRow[]> {
  return db.$queryRaw<TPickFeedbackRow[]>`
    SELECT f."recommendationId", f."songId", s."title", s."artists", f."vote", f."createdAt", f."updatedAt",
      r."queryTitle", r."queryArtist", r."queryTrackId", r."trackTitle", r."trackArtists", r."modelId",
      e."name" AS experiment, r."variant", r."feedbackSignal"
    FROM "PickFeedback" f
    JOIN "Recommendation" r ON r."id" = f."recommendationId"
    JOIN "Song" s ON s."id" = f."songId"
    LEFT JOIN "Experiment" e ON e."id" = r."experimentId"
    ORDER BY f."createdAt", f."recommendationId", f."songId"`;
}
