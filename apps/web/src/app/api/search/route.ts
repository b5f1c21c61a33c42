import { getResolver } from "../../../server/services";
import { handleRoute, json } from "../../../server/http/handle-route";
import { searchParamsObject, ZSearchQuery } from "../../../server/schemas";
import { toTrackSummary } from "../../../server/songs/track-summary";
import type { TSearchResponse } from "../../../lib/api-types";

export const dynamic = "force-dynamic";

/** GET /api/search?title=&artist=[&limit=10] — tracks that match, best first. */
export const GET = handleRoute(async (request: Request) => {
  const query = ZSearchQuery.parse(searchParamsObject(request.url));
  const tracks = await getResolver().search({ title: query.title, artist: query.artist }, { limit: query.limit });
  const body: TSearchResponse = { candidates: tracks.map(toTrackSummary) };
  return json(body);
});
