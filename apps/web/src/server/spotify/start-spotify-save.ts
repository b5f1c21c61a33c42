// GET /api/spotify/login?recommendation=<id>: with a stored Spotify session, save at once; otherwise start
// Authorization Code with PKCE — a fresh verifier and state in a short-lived httpOnly cookie, then 302 to
// Spotify's authorize page.
import { deleteSpotifySession, findSpotifySession } from "@anisong/db";
import { codeChallengeFor, createCodeVerifier, createOAuthState, SpotifySaveError } from "@anisong/providers/spotify-playlists";
import { ApiError } from "../http/errors";
import { checkWriteLimit } from "../http/write-limit";
import { findRecommendationView } from "../recommendations/find-recommendation";
import { searchParamsObject, ZSpotifyLoginQuery } from "../schemas";
import { getServerDb } from "../services";
import { isSameSiteNavigation } from "./same-site-request";
import { saveRecommendationPlaylist } from "./save-recommendation-playlist";
import { clearedCookie, oldestLiveSession, pendingLoginCookie, readSessionToken, SESSION_COOKIE, sessionRowId } from "./spotify-cookies";
import { permalinkWithStatus, redirectTo } from "./spotify-redirect";
import { publicOrigin, spotifyPlaylistClient, spotifySaveConfig, type TSpotifySaveConfig } from "./spotify-save-config";

export function requireSpotifySaveConfig(): TSpotifySaveConfig {
  const config = spotifySaveConfig();
  if (!config) throw new ApiError(404, "not_found", "Saving to Spotify is not set up on this server.");
  return config;
}

export async function startSpotifySave(request: Request): Promise<Response> {
  const config = requireSpotifySaveConfig();
  const { recommendation: recommendationId } = ZSpotifyLoginQuery.parse(searchParamsObject(request.url));
  const origin = publicOrigin(config);
  if (!isSameSiteNavigation(request, origin)) {
    throw new ApiError(403, "forbidden", "Start saving to Spotify with the button on the recommendation's page.");
  }
  await checkWriteLimit(request);
  const db = await getServerDb();
  const recommendation = await findRecommendationView(db, recommendationId);
  if (!recommendation) throw new ApiError(404, "not_found", "No recommendation has this id.");
  const permalink = `${origin}/recommendations/${recommendationId}`;
  const secure = origin.startsWith("https:");
  const extraCookies: string[] = [];

  const token = readSessionToken(request);
  const session = token ? await findSpotifySession(db, { id: sessionRowId(token), createdAfter: oldestLiveSession(new Date()) }) : null;
  if (token && session) {
    try {
      const { playlistId } = await saveRecommendationPlaylist({
        db,
        config,
        sessionRowId: session.id,
        tokens: { ...session, scope: "" },
        recommendation,
        permalink,
      });
      return redirectTo(permalinkWithStatus(permalink, { saved: playlistId }));
    } catch (error) {
      if (!(error instanceof SpotifySaveError)) throw error;
      if (error.code !== "invalid_grant" && error.code !== "unauthorized") {
        console.warn(`[anisong/web] save to Spotify failed: ${error.code}: ${error.message}`);
        return redirectTo(permalinkWithStatus(permalink, { error: error.code }));
      }
      // The listener revoked the app or the refresh token lapsed: forget the session and sign in again.
      await deleteSpotifySession(db, { id: session.id });
      extraCookies.push(clearedCookie(SESSION_COOKIE, secure));
    }
  }

  const verifier = createCodeVerifier();
  const state = createOAuthState();
  const authorize = spotifyPlaylistClient(config).authorizeUrl({ codeChallenge: codeChallengeFor(verifier), state });
  return redirectTo(authorize, [...extraCookies, pendingLoginCookie({ state, verifier, recommendationId }, secure)]);
}
