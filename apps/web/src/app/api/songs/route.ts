import { getServerDb } from "../../../server/services";
import { handleRoute, json } from "../../../server/http/handle-route";
import { searchParamsObject, ZSongsQuery } from "../../../server/schemas";
import { findSongs } from "../../../server/songs/find-songs";

export const dynamic = "force-dynamic";

/** GET /api/songs?page=1&size=10&sort=title&order=asc[&cluster=2] — the library's anime songs. */
export const GET = handleRoute(async (request: Request) => {
  const query = ZSongsQuery.parse(searchParamsObject(request.url));
  return json(await findSongs(await getServerDb(), query));
});
