// A loopback Spotify for "Save to Spotify": the accounts service's /authorize (answers at once with the
// redirect a consenting — or refusing — listener would cause) and /api/token (authorization_code with PKCE,
// refresh_token), and the Web API's /v1/me, POST /v1/me/playlists and POST /v1/playlists/{id}/items, in the
// real shapes, with the faults of fake-services.ts (failNext / failAlways per route).
import { createHash } from "node:crypto";
import type http from "node:http";
import { FakeService, json, send, type TRequestLog } from "./fake-services";

export type TFakePlaylist = { id: string; owner: string; name: string; description: string; public: boolean; uris: string[] };

type TIssuedCode = { challenge: string; redirectUri: string; scope: string; used: boolean };

export class FakeSpotifyPlaylists extends FakeService {
  /** What /authorize does: approve (code), deny (error=access_denied). */
  consent: "approve" | "deny" = "approve";
  /** Development mode without this user in the dashboard: the Web API answers 403. */
  userRegistered = true;
  /** Whether a refresh returns a new refresh_token (Spotify sometimes does not). */
  rotateRefreshTokens = true;
  /** Lifetime the token endpoint states (seconds). */
  expiresIn = 3600;
  readonly playlists = new Map<string, TFakePlaylist>();
  private readonly codes = new Map<string, TIssuedCode>();
  private readonly accessTokens = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private issued = 0;

  constructor(
    readonly clientId = "test-pkce-client-id",
    readonly redirectUris: string[] = [],
    readonly user = { id: "fakelistener", display_name: "Fake Listener" },
  ) {
    super();
  }

  /** The access tokens issued so far stop working (Spotify's 401 "The access token expired"). */
  expireTokens(): void {
    this.accessTokens.clear();
  }

  /** The listener revoked the app: refresh tokens are refused with invalid_grant. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  protected routeOf(method: string, path: string): string {
    if (method === "GET" && path === "/authorize") return "authorize";
    if (method === "POST" && path === "/api/token") return "token";
    if (method === "GET" && path === "/v1/me") return "me";
    if (method === "POST" && path === "/v1/me/playlists") return "create-playlist";
    if (method === "POST" && /^\/v1\/playlists\/[^/]+\/items$/.test(path)) return "add-items";
    return "unknown";
  }

  protected handle(route: string, log: TRequestLog, res: http.ServerResponse): void {
    if (route === "authorize") return this.authorize(log, res);
    if (route === "token") return this.token(log, res);
    if (route === "unknown") return json(res, 404, { error: { status: 404, message: "Service not found" } });
    const token = /^Bearer (.+)$/.exec(log.authorization ?? "")?.[1];
    if (!token || !this.accessTokens.has(token)) return json(res, 401, { error: { status: 401, message: "The access token expired" } });
    if (!this.userRegistered) return json(res, 403, { error: { status: 403, message: "User not registered in the Developer Dashboard" } });
    if (route === "me") return json(res, 200, { ...this.user, type: "user", uri: `spotify:user:${this.user.id}` });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(log.body) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: { status: 400, message: "Error parsing JSON." } });
    }
    if (route === "create-playlist") return this.createPlaylist(body, res);
    return this.addItems(log.path.split("/")[3] ?? "", body, res);
  }

  private authorize(log: TRequestLog, res: http.ServerResponse): void {
    const q = log.query;
    const redirectUri = q.get("redirect_uri") ?? "";
    // Spotify shows an error page (no redirect) for an unknown client or an unregistered redirect URI.
    if (q.get("client_id") !== this.clientId) return send(res, 400, "INVALID_CLIENT: Invalid client", { "Content-Type": "text/plain" });
    if (!this.redirectUris.includes(redirectUri))
      return send(res, 400, "INVALID_CLIENT: Invalid redirect URI", { "Content-Type": "text/plain" });
    const target = new URL(redirectUri);
    const state = q.get("state");
    const bad =
      q.get("response_type") !== "code"
        ? "unsupported_response_type"
        : q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")
          ? "invalid_request"
          : null;
    if (bad) target.searchParams.set("error", bad);
    else if (this.consent === "deny") target.searchParams.set("error", "access_denied");
    else {
      const code = `AQ-fake-code-${++this.issued}`;
      this.codes.set(code, { challenge: q.get("code_challenge") ?? "", redirectUri, scope: q.get("scope") ?? "", used: false });
      target.searchParams.set("code", code);
    }
    if (state !== null) target.searchParams.set("state", state);
    send(res, 302, "", { Location: target.toString() });
  }

  private token(log: TRequestLog, res: http.ServerResponse): void {
    const form = new URLSearchParams(log.body);
    // A public client: no Basic header, the client_id travels in the form.
    if (log.authorization || form.get("client_id") !== this.clientId)
      return json(res, 400, { error: "invalid_client", error_description: "Invalid client" });
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      const issued = this.codes.get(form.get("code") ?? "");
      if (!issued || issued.used) return json(res, 400, { error: "invalid_grant", error_description: "Invalid authorization code" });
      if (issued.redirectUri !== form.get("redirect_uri"))
        return json(res, 400, { error: "invalid_grant", error_description: "Invalid redirect URI" });
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== issued.challenge)
        return json(res, 400, { error: "invalid_grant", error_description: "code_verifier was incorrect" });
      issued.used = true;
      return json(res, 200, this.issue(issued.scope, true));
    }
    if (grant === "refresh_token") {
      const refreshToken = form.get("refresh_token") ?? "";
      if (!this.refreshTokens.has(refreshToken))
        return json(res, 400, { error: "invalid_grant", error_description: "Refresh token revoked" });
      if (this.rotateRefreshTokens) this.refreshTokens.delete(refreshToken);
      return json(res, 200, this.issue("playlist-modify-private", this.rotateRefreshTokens));
    }
    json(res, 400, {
      error: "unsupported_grant_type",
      error_description: `grant_type must be client_credentials, authorization_code or refresh_token`,
    });
  }

  private issue(scope: string, withRefresh: boolean) {
    const n = ++this.issued;
    const accessToken = `BQ-user-token-${n}`;
    this.accessTokens.add(accessToken);
    const answer: Record<string, unknown> = { access_token: accessToken, token_type: "Bearer", scope, expires_in: this.expiresIn };
    if (withRefresh) {
      const refreshToken = `AQ-refresh-${n}`;
      this.refreshTokens.add(refreshToken);
      answer.refresh_token = refreshToken;
    }
    return answer;
  }

  private createPlaylist(body: Record<string, unknown>, res: http.ServerResponse): void {
    if (typeof body.name !== "string" || body.name.length === 0)
      return json(res, 400, { error: { status: 400, message: "Missing required field: name" } });
    const id = `FakePlaylist${String(this.playlists.size + 1).padStart(10, "0")}`;
    const playlist: TFakePlaylist = {
      id,
      owner: this.user.id,
      name: body.name,
      description: typeof body.description === "string" ? body.description : "",
      public: body.public !== false,
      uris: [],
    };
    this.playlists.set(id, playlist);
    json(res, 201, {
      collaborative: false,
      description: playlist.description,
      external_urls: { spotify: `https://open.spotify.com/playlist/${id}` },
      href: `https://api.spotify.com/v1/playlists/${id}`,
      id,
      images: [],
      name: playlist.name,
      owner: { ...this.user, type: "user", uri: `spotify:user:${this.user.id}` },
      public: playlist.public,
      snapshot_id: "AAAAAfake0",
      items: { href: `https://api.spotify.com/v1/playlists/${id}/items`, total: 0 },
      type: "playlist",
      uri: `spotify:playlist:${id}`,
    });
  }

  private addItems(id: string, body: Record<string, unknown>, res: http.ServerResponse): void {
    const playlist = this.playlists.get(id);
    if (!playlist) return json(res, 404, { error: { status: 404, message: "Resource not found" } });
    const uris = body.uris;
    if (!Array.isArray(uris) || uris.length === 0 || !uris.every((u) => typeof u === "string" && /^spotify:track:[0-9A-Za-z]{22}$/.test(u)))
      return json(res, 400, { error: { status: 400, message: "Invalid track uri" } });
    if (uris.length > 100) return json(res, 400, { error: { status: 400, message: "Too many ids requested" } });
    playlist.uris.push(...(uris as string[]));
    json(res, 201, { snapshot_id: `AAAA${playlist.uris.length}fakesnapshot` });
  }
}
