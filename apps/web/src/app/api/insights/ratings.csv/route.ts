import { listRatings } from "@anisong/db";
import { getServerDb } from "../../../../server/services";
import { handleRoute } from "../../../../server/http/handle-route";
import { ratingsCsv } from "../../../../server/ratings/ratings-csv";

export const dynamic = "force-dynamic";

/** GET /api/insights/ratings.csv — every rating with its query, model, cluster and feature source. */
export const GET = handleRoute(async () => {
  const csv = ratingsCsv(await listRatings(await getServerDb()));
  return new Response(csv, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="anisong-ratings.csv"',
      "cache-control": "no-store",
    },
  });
});
