import { webEnv } from "../../../server/env";
import { getServerDb } from "../../../server/services";
import { handleRoute, jsonText } from "../../../server/http/handle-route";
import { readJsonBody } from "../../../server/http/read-json-body";
import { checkWriteLimit } from "../../../server/http/write-limit";
import { visitorCookieHeader, visitorOf } from "../../../server/experiments/visitor-cookie";
import { createRecommendation } from "../../../server/recommendations/create-recommendation";
import { ZRecommendationRequest } from "../../../server/schemas";

export const dynamic = "force-dynamic";

/** POST /api/recommendations { trackId } | { title?, artist? }, topN? (≤ 50) — stored, 201. Sets anisong_visitor when absent. */
export const POST = handleRoute(async (request: Request) => {
  await checkWriteLimit(request);
  const input = ZRecommendationRequest.parse(await readJsonBody(request, webEnv().ANISONG_MAX_BODY_BYTES));
  const visitor = visitorOf(request);
  const recommendation = await createRecommendation(await getServerDb(), input, { visitorId: visitor.id });
  const headers = new Headers({ location: `/api/recommendations/${recommendation.data.id}` });
  if (visitor.isNew) headers.set("set-cookie", visitorCookieHeader(visitor.id, { secure: webEnv().ANISONG_BEHIND_TLS }));
  return jsonText(recommendation.json, { status: 201, headers });
});
