// The body of a recommendation request, built the same way by the browser (POST /api/recommendations) and by the
// /results page, which creates its first recommendation on the server.
import type { TRecommendationRequestBody } from "../server/schemas";
import { tuneRequest, type TTune } from "./steering";

export type TRecommendationQuery = Pick<TRecommendationRequestBody, "trackId" | "title" | "artist">;

export function recommendationRequestBody({
  query,
  topN = 10,
  kinds,
  tune,
}: {
  query: TRecommendationQuery;
  topN?: number;
  kinds?: TRecommendationRequestBody["kinds"];
  tune?: TTune;
}): TRecommendationRequestBody {
  return tune
    ? { seeds: [query, ...tune.seeds.map((trackId) => ({ trackId }))], ...tuneRequest(tune), topN, ...(kinds ? { kinds } : {}) }
    : { ...query, topN, ...(kinds ? { kinds } : {}) };
}
