import { getResolver } from "../../../server/services";
import { handleRoute, json } from "../../../server/http/handle-route";
import { searchParamsObject, ZSearchQuery } from "../../../server/schemas";
import { onePerSong, trackSongKey } from "../../../server/songs/one-per-song";
import { toTrackSummary } from "../../../server/songs/track-summary";
import type { TSearchResponse } from "../../../lib/api-types";

export const dynamic = "force-dynamic";

/** GET /api/search?title=&artist=[&limit=10] — tracks that match, best first, one entry per song. */
export const GET = handleRoute(async (request: Request) => {
  const query = ZSearchQuery.parse(searchParamsObject(request.url));
  const tracks = await getResolver().search({ title: query.title, artist: query.artist }, { limit: query.limit });
  const body: TSearchResponse = { candidates: onePerSong(tracks, trackSongKey).map(toTrackSummary) };
  return json(body);
});
