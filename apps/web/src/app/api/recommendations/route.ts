import { webEnv } from "../../../server/env";
import { getServerDb } from "../../../server/services";
import { handleRoute, json } from "../../../server/http/handle-route";
import { readJsonBody } from "../../../server/http/read-json-body";
import { checkWriteLimit } from "../../../server/http/write-limit";
import { createRecommendation } from "../../../server/recommendations/create-recommendation";
import { ZRecommendationRequest } from "../../../server/schemas";

export const dynamic = "force-dynamic";

/** POST /api/recommendations { trackId } | { title?, artist? }, topN? (≤ 50) — stored, 201. */
export const POST = handleRoute(async (request: Request) => {
  await checkWriteLimit(request);
  const input = ZRecommendationRequest.parse(await readJsonBody(request, webEnv().ANISONG_MAX_BODY_BYTES));
  const recommendation = await createRecommendation(await getServerDb(), input);
  return json(recommendation, { status: 201, headers: { location: `/api/recommendations/${recommendation.id}` } });
});
