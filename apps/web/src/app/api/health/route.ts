import { handleRoute, json } from "../../../server/http/handle-route";
import { getHealth } from "../../../server/insights/get-health";

export const dynamic = "force-dynamic";

/** GET /api/health — database and model status; 503 while either is unusable. */
export const GET = handleRoute(async () => {
  const health = await getHealth();
  return json(health, { status: health.status === "ok" ? 200 : 503 });
});
