// What the permalink says after "Save to Spotify" (?saved=<playlist id> or ?spotifyError=<code>), in listener
// words. Client-safe: no server code. The codes are @anisong/providers' SpotifySaveError codes plus the web
// app's own (`expired`: the sign-in took too long or started in another browser).
export const SPOTIFY_SAVE_STATUS_CODES = [
  "not_configured",
  "denied",
  "invalid_grant",
  "invalid_client",
  "unauthorized",
  "forbidden_user",
  "rate_limited",
  "upstream_unavailable",
  "rejected",
  "malformed",
  "expired",
] as const;
export type TSpotifySaveStatusCode = (typeof SPOTIFY_SAVE_STATUS_CODES)[number];

export type TSpotifySaveStatus = { saved: string } | { error: TSpotifySaveStatusCode } | null;

/** A Spotify playlist id: letters and digits only, so the link built from it can point nowhere else. */
export const SPOTIFY_PLAYLIST_ID = /^[0-9A-Za-z]{1,64}$/;

/**
 * The page's search params → a status; anything odd (a repeated key, a forged URL, an unknown code) is ignored.
 * Plain checks rather than zod: this module also reaches the browser bundle, which does not carry zod.
 */
export function parseSpotifySaveStatus(params: Record<string, string | string[] | undefined>): TSpotifySaveStatus {
  const { saved, spotifyError } = params;
  if (typeof saved === "string" && SPOTIFY_PLAYLIST_ID.test(saved)) return { saved };
  const code = SPOTIFY_SAVE_STATUS_CODES.find((c) => c === spotifyError);
  return code ? { error: code } : null;
}

export function spotifyPlaylistUrl(id: string): string {
  return `https://open.spotify.com/playlist/${encodeURIComponent(id)}`;
}

export const SPOTIFY_SAVE_MESSAGES: Record<TSpotifySaveStatusCode, string> = {
  denied: "You chose not to let Anisong use your Spotify account, so nothing was saved.",
  expired: "That Spotify sign-in took too long or was started in another window. Press “Save to Spotify” to try again.",
  invalid_grant: "Your Spotify sign-in has expired. Press “Save to Spotify” to sign in again.",
  unauthorized: "Spotify did not accept your sign-in. Press “Save to Spotify” to sign in again.",
  forbidden_user:
    "Spotify did not let Anisong save to your account: while this app is in development mode, Spotify only lets in listeners the site’s owner has added. Ask the owner to add your Spotify account.",
  rate_limited: "Spotify is busy right now. Please wait a minute and try again.",
  upstream_unavailable: "We could not reach Spotify. Please try again in a little while.",
  rejected: "Spotify did not accept the playlist. Please try again later.",
  malformed: "Spotify answered in a way we did not understand. Please try again later.",
  invalid_client: "Saving to Spotify is not set up correctly on this site.",
  not_configured: "Saving to Spotify is not set up on this site.",
};
