// Typed failures of "Save to Spotify". The web app turns `code` into a listener sentence; `message` is for the
// operator's log and never holds a token, a code or a verifier.
import { SpotifyPackageError } from "../errors";

export const SPOTIFY_SAVE_ERROR_CODES = [
  /** No client id / redirect URL configured. */
  "not_configured",
  /** The listener said no on Spotify's consent page (?error=access_denied). */
  "denied",
  /** The code or refresh token was refused (used, expired or revoked): sign in again. */
  "invalid_grant",
  /** Spotify refused the client itself (wrong client id or redirect URL): the operator's to fix. */
  "invalid_client",
  /** A token was refused even after one refresh. */
  "unauthorized",
  /** 403: in development mode the app is open only to users added in the Developer Dashboard. */
  "forbidden_user",
  /** 429 with a Retry-After longer than we wait (or still limited after waiting once). */
  "rate_limited",
  /** 5xx, timeout or network failure. */
  "upstream_unavailable",
  /** Another 4xx we did not expect. */
  "rejected",
  /** A 2xx whose body is not the shape Spotify documents. */
  "malformed",
] as const;

export type TSpotifySaveErrorCode = (typeof SPOTIFY_SAVE_ERROR_CODES)[number];

export class SpotifySaveError extends SpotifyPackageError {
  constructor(
    readonly code: TSpotifySaveErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}
