// One "Save to Spotify": create the private playlist, then add every track in one call. The access token is
// refreshed first when it has (nearly) expired, and once more when a call answers 401; every new token pair
// is handed to `onTokens` before it is used, so the caller's stored session never falls behind Spotify's.
import { SpotifySaveError } from "./spotify-save-error";
import type { SpotifyPlaylistClient, TSpotifyTokens } from "./spotify-playlist-client";

/** Refresh this long before the stated expiry, so a token does not lapse between two calls. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;

export type TSavePlaylistInput = {
  client: SpotifyPlaylistClient;
  tokens: TSpotifyTokens;
  onTokens: (tokens: TSpotifyTokens) => Promise<void>;
  name: string;
  description: string;
  uris: string[];
  now?: () => number;
};

export type TSavedPlaylist = { playlistId: string; url: string; snapshotId: string; tokens: TSpotifyTokens };

export async function savePlaylist(input: TSavePlaylistInput): Promise<TSavedPlaylist> {
  const now = input.now ?? Date.now;
  let tokens = input.tokens;
  let refreshed = false;

  const refresh = async () => {
    refreshed = true;
    tokens = await input.client.refresh(tokens.refreshToken);
    await input.onTokens(tokens);
  };

  /** One call with the current token; a 401 refreshes (once per save) and tries again. */
  const authorized = async <T>(call: (accessToken: string) => Promise<T>): Promise<T> => {
    try {
      return await call(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof SpotifySaveError) || error.code !== "unauthorized" || refreshed) throw error;
      await refresh();
      return call(tokens.accessToken);
    }
  };

  if (tokens.expiresAt.getTime() - TOKEN_EXPIRY_MARGIN_MS <= now()) await refresh();
  const playlist = await authorized((token) => input.client.createPlaylist(token, { name: input.name, description: input.description }));
  const snapshotId = await authorized((token) => input.client.addItems(token, playlist.id, input.uris));
  return { playlistId: playlist.id, url: playlist.url, snapshotId, tokens };
}
