import { webEnv } from "../../../../../server/env";
import { getServerDb } from "../../../../../server/services";
import { createRating } from "../../../../../server/ratings/create-rating";
import { handleRoute, json } from "../../../../../server/http/handle-route";
import { readJsonBody } from "../../../../../server/http/read-json-body";
import { checkWriteLimit } from "../../../../../server/http/write-limit";
import { ZRatingRequest, ZRecommendationId } from "../../../../../server/schemas";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** POST /api/recommendations/{id}/rating { stars: 1–5, comment? } — once per recommendation, 201. */
export const POST = handleRoute(async (request: Request, context: TContext) => {
  await checkWriteLimit(request);
  const { id } = await context.params;
  const recommendationId = ZRecommendationId.parse(id);
  const input = ZRatingRequest.parse(await readJsonBody(request, webEnv().ANISONG_MAX_BODY_BYTES));
  return json(await createRating(await getServerDb(), recommendationId, input), { status: 201 });
});
