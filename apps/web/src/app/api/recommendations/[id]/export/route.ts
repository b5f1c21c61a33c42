import { getServerDb } from "../../../../../server/services";
import { handleRoute } from "../../../../../server/http/handle-route";
import { exportResponse } from "../../../../../server/recommendations/export-recommendation";
import { getRecommendationView } from "../../../../../server/recommendations/find-recommendation";
import { searchParamsObject, ZExportQuery, ZRecommendationId } from "../../../../../server/schemas";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** GET /api/recommendations/{id}/export?format=csv|json — the list as an attachment; 400 bad id or format, 404 unknown. */
export const GET = handleRoute(async (request: Request, context: TContext) => {
  const recommendationId = ZRecommendationId.parse((await context.params).id);
  const { format } = ZExportQuery.parse(searchParamsObject(request.url));
  return exportResponse(await getRecommendationView(await getServerDb(), recommendationId), format);
});
