import { handleRoute } from "../../../../server/http/handle-route";
import { finishSpotifySave } from "../../../../server/spotify/finish-spotify-save";

export const dynamic = "force-dynamic";

/** GET /api/spotify/callback?code&state — Spotify's redirect back; saves the playlist, then 302 to the permalink. */
export const GET = handleRoute(async (request: Request) => finishSpotifySave(request));
