// The listener's own Spotify account: token exchange and refresh on the accounts service (public client, PKCE:
// no secret), then create a private playlist and add its tracks on the Web API. Pure HTTP with an injectable
// fetch and origins; every failure is a SpotifySaveError with a code.
//
// Endpoints: POST /v1/me/playlists and POST /v1/playlists/{id}/items are the current names (Spotify's
// February 2026 Web API migration guide); the older POST /v1/users/{user_id}/playlists and
// /v1/playlists/{id}/tracks are gone for development-mode apps, and /me/playlists needs no GET /v1/me first.
import type { z } from "zod";
import { ProviderFault } from "../errors";
import { fetchWithTimeout, readJson, throwForStatus, withRetries } from "../http/http-faults";
import { buildAuthorizeUrl } from "./pkce";
import { SpotifySaveError } from "./spotify-save-error";
import { ZCreatedPlaylist, ZSnapshot, ZTokenErrorBody, ZUserTokenResponse } from "./spotify-playlist-schemas";

export type TSpotifyPlaylistClientOptions = {
  clientId: string;
  /** Exactly as registered in the Spotify Developer Dashboard. */
  redirectUri: string;
  /** Origins only (no /v1), as in TResolverConfig. */
  accountsBase: string;
  apiBase: string;
  /** Per HTTP call. */
  timeoutMs: number;
  /** A 429 with a longer Retry-After is not waited for (rate_limited at once). */
  maxRetryAfterMs: number;
  fetch?: typeof fetch;
};

export type TSpotifyTokens = { accessToken: string; refreshToken: string; expiresAt: Date; scope: string };

/** Spotify allows at most 100 items per add call; a recommendation has at most 50. */
export const MAX_ITEMS_PER_ADD = 100;

const TRACK_URI = /^spotify:track:[0-9A-Za-z]{22}$/;

export class SpotifyPlaylistClient {
  constructor(private readonly options: TSpotifyPlaylistClientOptions) {}

  authorizeUrl(input: { codeChallenge: string; state: string }): string {
    return buildAuthorizeUrl({
      ...input,
      accountsBase: this.options.accountsBase,
      clientId: this.options.clientId,
      redirectUri: this.options.redirectUri,
    });
  }

  /** The authorization code + the PKCE verifier → the listener's tokens. */
  exchangeCode(input: { code: string; codeVerifier: string }): Promise<TSpotifyTokens> {
    return this.token(
      {
        grant_type: "authorization_code",
        code: input.code,
        redirect_uri: this.options.redirectUri,
        client_id: this.options.clientId,
        code_verifier: input.codeVerifier,
      },
      undefined,
    );
  }

  /** A fresh access token; Spotify may or may not rotate the refresh token (the old one is kept if not). */
  refresh(refreshToken: string): Promise<TSpotifyTokens> {
    return this.token({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: this.options.clientId }, refreshToken);
  }

  async createPlaylist(accessToken: string, input: { name: string; description: string }): Promise<{ id: string; url: string }> {
    const body = await this.api(
      accessToken,
      "/v1/me/playlists",
      { name: input.name, description: input.description, public: false },
      ZCreatedPlaylist,
      "create playlist",
    );
    return { id: body.id, url: body.external_urls?.spotify ?? `https://open.spotify.com/playlist/${body.id}` };
  }

  /** All the uris in one call (≤ 100); returns the playlist's new snapshot id. */
  async addItems(accessToken: string, playlistId: string, uris: string[]): Promise<string> {
    if (uris.length === 0 || uris.length > MAX_ITEMS_PER_ADD)
      throw new RangeError(`add 1–${MAX_ITEMS_PER_ADD} items per call, not ${uris.length}`);
    const bad = uris.find((u) => !TRACK_URI.test(u));
    if (bad !== undefined) throw new RangeError(`not a Spotify track URI: ${bad.slice(0, 60)}`);
    const body = await this.api(accessToken, `/v1/playlists/${encodeURIComponent(playlistId)}/items`, { uris }, ZSnapshot, "add items");
    return body.snapshot_id;
  }

  private async token(form: Record<string, string>, previousRefreshToken: string | undefined): Promise<TSpotifyTokens> {
    const body = await this.guard("token", async () => {
      const response = await this.fetch(`${this.options.accountsBase}/api/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
      if (response.status === 400 || response.status === 401) throw await tokenRefusal(response);
      throwForStatus(response);
      return readJson(response, ZUserTokenResponse, "token");
    });
    const refreshToken = body.refresh_token ?? previousRefreshToken;
    if (!refreshToken) throw new SpotifySaveError("malformed", "token: the code exchange returned no refresh_token");
    return {
      accessToken: body.access_token,
      refreshToken,
      expiresAt: new Date(Date.now() + body.expires_in * 1000),
      scope: body.scope ?? "",
    };
  }

  private api<T>(accessToken: string, path: string, json: unknown, schema: z.ZodType<T>, what: string): Promise<T> {
    return this.guard(what, async () => {
      const response = await this.fetch(`${this.options.apiBase}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
        body: JSON.stringify(json),
      });
      throwForStatus(response);
      return readJson(response, schema, what);
    });
  }

  private fetch(url: string, init: RequestInit): Promise<Response> {
    return fetchWithTimeout(url, init, this.options.timeoutMs, this.options.fetch);
  }

  /** Waits once for a short Retry-After (the shared policy), then maps every fault to a SpotifySaveError. */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(call, { maxRetryAfterMs: this.options.maxRetryAfterMs });
    } catch (error) {
      throw toSaveError(error, what);
    }
  }
}

async function tokenRefusal(response: Response): Promise<SpotifySaveError> {
  let parsed: z.infer<typeof ZTokenErrorBody> | undefined;
  try {
    parsed = ZTokenErrorBody.safeParse(JSON.parse(await response.text())).data;
  } catch {
    parsed = undefined;
  }
  const error = parsed?.error ?? "unknown";
  // error_description is Spotify's text ("Invalid authorization code"), never the code itself.
  const message = `token request refused (HTTP ${response.status}, ${error}${parsed?.error_description ? `: ${parsed.error_description}` : ""})`;
  if (error === "invalid_grant") return new SpotifySaveError("invalid_grant", message, { status: response.status });
  if (error === "invalid_client" || error === "unauthorized_client")
    return new SpotifySaveError("invalid_client", message, { status: response.status });
  return new SpotifySaveError("rejected", message, { status: response.status });
}

export function toSaveError(error: unknown, what: string): SpotifySaveError | Error {
  if (error instanceof SpotifySaveError) return error;
  if (!(error instanceof ProviderFault)) return error as Error;
  const message = error.message.startsWith(`${what}:`) ? error.message : `${what}: ${error.message}`;
  const details = { status: error.status, retryAfterMs: error.retryAfterMs };
  switch (error.kind) {
    case "unauthorized":
      return new SpotifySaveError("unauthorized", message, details);
    case "forbidden":
      return new SpotifySaveError("forbidden_user", message, details);
    case "rate-limited":
      return new SpotifySaveError("rate_limited", message, details);
    case "malformed":
      return new SpotifySaveError("malformed", message, details);
    case "timeout":
    case "network":
      return new SpotifySaveError("upstream_unavailable", message, details);
    default:
      return new SpotifySaveError(
        error.status !== undefined && error.status >= 500 ? "upstream_unavailable" : "rejected",
        message,
        details,
      );
  }
}
