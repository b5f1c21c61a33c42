import { getServerDb } from "../../../../server/services";
import { handleRoute, json } from "../../../../server/http/handle-route";
import { getRecommendationView } from "../../../../server/recommendations/find-recommendation";
import { ZRecommendationId } from "../../../../server/schemas";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** GET /api/recommendations/{id} — the stored recommendation (the POST's shape) with its rating; 400 bad id, 404 unknown. */
export const GET = handleRoute(async (_request: Request, context: TContext) => {
  const recommendationId = ZRecommendationId.parse((await context.params).id);
  return json(await getRecommendationView(await getServerDb(), recommendationId));
});
