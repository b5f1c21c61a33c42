import { handleRoute } from "../../../../server/http/handle-route";
import { startSpotifySave } from "../../../../server/spotify/start-spotify-save";

export const dynamic = "force-dynamic";

/** GET /api/spotify/login?recommendation=<id> — 302 to Spotify's consent page (or, signed in, save at once). */
export const GET = handleRoute(async (request: Request) => startSpotifySave(request));
