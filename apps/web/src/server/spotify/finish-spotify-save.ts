// GET /api/spotify/callback?code&state (or ?error&state): check the state against this browser's pending
// sign-in, exchange the code with the PKCE verifier, keep the tokens server-side under a new session cookie,
// save the recommendation as a playlist, and send the listener back to its permalink with what happened.
import { deleteOldSpotifySessions, storeSpotifySession, type TDb } from "@anisong/db";
import { SpotifySaveError } from "@anisong/providers/spotify-playlists";
import { ApiError } from "../http/errors";
import { findRecommendationView } from "../recommendations/find-recommendation";
import { searchParamsObject, ZSpotifyCallbackQuery } from "../schemas";
import { getServerDb } from "../services";
import { saveRecommendationPlaylist } from "./save-recommendation-playlist";
import {
  clearedCookie,
  LOGIN_COOKIE,
  newSessionToken,
  oldestLiveSession,
  readPendingLogin,
  sameState,
  sessionCookie,
  sessionRowId,
} from "./spotify-cookies";
import { permalinkWithStatus, redirectTo } from "./spotify-redirect";
import { publicOrigin, spotifyPlaylistClient } from "./spotify-save-config";
import { requireSpotifySaveConfig } from "./start-spotify-save";

export async function finishSpotifySave(request: Request): Promise<Response> {
  const config = requireSpotifySaveConfig();
  const origin = publicOrigin(config);
  const secure = origin.startsWith("https:");
  const clearLogin = clearedCookie(LOGIN_COOKIE, secure);
  const refuse = (message: string) => new ApiError(400, "bad_request", message, { headers: { "set-cookie": clearLogin } });

  const query = ZSpotifyCallbackQuery.parse(searchParamsObject(request.url));
  const pending = readPendingLogin(request);
  if (!pending)
    throw refuse("This Spotify sign-in has expired or was started in another browser. Go back and press “Save to Spotify” again.");
  if (!sameState(query.state, pending.state)) throw refuse("state: does not match the sign-in this browser started.");
  const permalink = `${origin}/recommendations/${pending.recommendationId}`;
  const back = (status: Parameters<typeof permalinkWithStatus>[1], cookies: string[] = []) =>
    redirectTo(permalinkWithStatus(permalink, status), [clearLogin, ...cookies]);

  if (query.error) return back({ error: query.error === "access_denied" ? "denied" : "rejected" });
  if (!query.code) throw refuse("code: Spotify sent neither a code nor an error.");

  const db = await getServerDb();
  const recommendation = await findRecommendationView(db, pending.recommendationId);
  if (!recommendation) throw new ApiError(404, "not_found", "No recommendation has this id.", { headers: { "set-cookie": clearLogin } });

  const cookies: string[] = [];
  try {
    const tokens = await spotifyPlaylistClient(config).exchangeCode({ code: query.code, codeVerifier: pending.verifier });
    const token = newSessionToken();
    const rowId = sessionRowId(token);
    await storeSpotifySession(db, { id: rowId, tokens });
    cookies.push(sessionCookie(token, secure));
    await forgetExpiredSessions(db);
    const { playlistId } = await saveRecommendationPlaylist({ db, config, sessionRowId: rowId, tokens, recommendation, permalink });
    return back({ saved: playlistId }, cookies);
  } catch (error) {
    if (!(error instanceof SpotifySaveError)) throw error;
    console.warn(`[anisong/web] save to Spotify failed: ${error.code}: ${error.message}`);
    return back({ error: error.code }, cookies);
  }
}

/**
 * Each sign-in deletes the sessions whose cookies have expired (their refresh tokens would otherwise stay for good):
 * one indexed DELETE, so no scheduled job is needed. A failure here must not cost the listener the save.
 */
async function forgetExpiredSessions(db: TDb): Promise<void> {
  try {
    await deleteOldSpotifySessions(db, { before: oldestLiveSession(new Date()) });
  } catch (error) {
    console.warn(`[anisong/web] expired Spotify sessions not deleted: ${error instanceof Error ? error.message : String(error)}`);
  }
}
