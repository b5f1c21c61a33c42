// /results creates its first recommendation while the server renders the page, with the same checks and the same
// write as POST /api/recommendations (write limit, zod, the visitor's experiment variant). The list is then in the
// page's HTML: no skeleton, no second round trip after hydration. A failure becomes the API's error body, which
// the page shows with the same notice as a failed POST.
import { headers } from "next/headers";
import type { TApiError, TPageRecommendation } from "../../lib/api-types";
import { visitorOf } from "../experiments/visitor-cookie";
import { logIfUnexpected, toApiError } from "../http/handle-route";
import { checkWriteLimit } from "../http/write-limit";
import { ZRecommendationRequest, type TRecommendationRequestBody } from "../schemas";
import { getServerDb } from "../services";
import { createRecommendation } from "./create-recommendation";

export async function createRecommendationForPage(body: TRecommendationRequestBody): Promise<TPageRecommendation> {
  // The page's own request headers: its client address (the write limit) and cookies (the visitor, set by the proxy).
  const request = new Request("http://localhost/results", { headers: await headers() });
  try {
    await checkWriteLimit(request);
    const input = ZRecommendationRequest.parse(body);
    const visitor = visitorOf(request);
    const { data } = await createRecommendation(await getServerDb(), input, visitor.isNew ? {} : { visitorId: visitor.id });
    return { data };
  } catch (error) {
    const apiError = toApiError(error);
    logIfUnexpected(apiError, error);
    return { error: { status: apiError.status, body: apiError.toBody() as TApiError } };
  }
}
