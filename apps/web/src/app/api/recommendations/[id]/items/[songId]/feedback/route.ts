import { webEnv } from "../../../../../../../server/env";
import { getServerDb } from "../../../../../../../server/services";
import { clearPickFeedback, setPickFeedback } from "../../../../../../../server/feedback/pick-feedback";
import { handleRoute, json } from "../../../../../../../server/http/handle-route";
import { readJsonBody } from "../../../../../../../server/http/read-json-body";
import { checkWriteLimit } from "../../../../../../../server/http/write-limit";
import { ZPickFeedbackRequest, ZRecommendationId, ZSongId } from "../../../../../../../server/schemas";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string; songId: string }> };

async function pickOf(context: TContext) {
  const { id, songId } = await context.params;
  return { recommendationId: ZRecommendationId.parse(id), songId: ZSongId.parse(songId) };
}

/** PUT /api/recommendations/{id}/items/{songId}/feedback { vote: "like" | "dislike" } — idempotent, 200. */
export const PUT = handleRoute(async (request: Request, context: TContext) => {
  await checkWriteLimit(request);
  const pick = await pickOf(context);
  const input = ZPickFeedbackRequest.parse(await readJsonBody(request, webEnv().ANISONG_MAX_BODY_BYTES));
  return json(await setPickFeedback(await getServerDb(), pick, input));
});

/** DELETE /api/recommendations/{id}/items/{songId}/feedback — takes the vote back (idempotent), 200. */
export const DELETE = handleRoute(async (request: Request, context: TContext) => {
  await checkWriteLimit(request);
  return json(await clearPickFeedback(await getServerDb(), await pickOf(context)));
});
