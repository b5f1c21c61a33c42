// "Save to Spotify" settings: the client id and redirect URL (this app's env.ts) and the Spotify origins,
// timeout and Retry-After ceiling (the providers' env.ts). null: not configured, so the button is hidden and
// the routes answer 404.
import { resolveSpotifyConfig } from "@anisong/providers";
import { SpotifyPlaylistClient, type TSpotifyPlaylistClientOptions } from "@anisong/providers/spotify-playlists";
import { webEnv } from "../env";

/**
 * The playlist client's options without a fetch override. `redirectUri` is the registered /api/spotify/callback URL;
 * its origin is the public origin the listener is sent back to.
 */
export type TSpotifySaveConfig = Omit<TSpotifyPlaylistClientOptions, "fetch">;

let override: TSpotifySaveConfig | null | undefined;

export function spotifySaveConfig(): TSpotifySaveConfig | null {
  if (override !== undefined) return override;
  const env = webEnv();
  if (!env.SPOTIFY_PKCE_CLIENT_ID || !env.ANISONG_SPOTIFY_REDIRECT_URL) return null;
  const providers = resolveSpotifyConfig();
  return {
    clientId: env.SPOTIFY_PKCE_CLIENT_ID,
    redirectUri: env.ANISONG_SPOTIFY_REDIRECT_URL,
    accountsBase: providers.spotifyAccountsBase,
    apiBase: providers.spotifyApiBase,
    timeoutMs: providers.timeoutMs,
    maxRetryAfterMs: providers.maxRetryAfterMs,
  };
}

/** For the pages: whether to show the button. */
export function spotifySaveEnabled(): boolean {
  return spotifySaveConfig() !== null;
}

/** Tests: use this configuration (null: not configured; undefined: back to the environment). */
export function useSpotifySaveConfig(config: TSpotifySaveConfig | null | undefined): void {
  override = config;
}

export function spotifyPlaylistClient(config: TSpotifySaveConfig): SpotifyPlaylistClient {
  return new SpotifyPlaylistClient(config);
}

/** The app's public origin, from the registered redirect URL (never from the request's Host header). */
export function publicOrigin(config: TSpotifySaveConfig): string {
  return new URL(config.redirectUri).origin;
}
