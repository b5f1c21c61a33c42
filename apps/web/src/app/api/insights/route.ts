import { getServerDb } from "../../../server/services";
import { handleRoute, json } from "../../../server/http/handle-route";
import { getInsights } from "../../../server/insights/get-insights";
import { searchParamsObject, ZInsightsQuery } from "../../../server/schemas";

export const dynamic = "force-dynamic";

/** GET /api/insights[?recommendation=<id>] — rating averages and the cluster map. */
export const GET = handleRoute(async (request: Request) => {
  const query = ZInsightsQuery.parse(searchParamsObject(request.url));
  return json(await getInsights(await getServerDb(), { recommendationId: query.recommendation }));
});
