import { listPickFeedback } from "@anisong/db";
import { getServerDb } from "../../../../server/services";
import { handleRoute } from "../../../../server/http/handle-route";
import { feedbackCsv } from "../../../../server/feedback/feedback-csv";

export const dynamic = "force-dynamic";

/** GET /api/insights/feedback.csv — every like / not-for-me vote with its song, query, model and experiment variant. */
export const GET = handleRoute(async () => {
  const csv = feedbackCsv(await listPickFeedback(await getServerDb()));
  return new Response(csv, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="anisong-feedback.csv"',
      "cache-control": "no-store",
    },
  });
});
