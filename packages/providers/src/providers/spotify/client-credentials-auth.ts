// Client-credentials token for the SDK. The SDK's own ClientCredentialsStrategy posts to a hard-coded
// https://accounts.spotify.com with the global fetch, no timeout and an untyped error, so we implement its
// IAuthStrategy interface with the configured accounts origin, a timeout, zod validation and one shared
// in-flight request. The secret only ever goes into the Basic header, never into a message.
import type { AccessToken, IAuthStrategy, SdkConfiguration } from "@spotify/web-api-ts-sdk";
import { ProviderFault } from "../../errors";
import { fetchWithTimeout, readJson, throwForStatus } from "../../http/http-faults";
import { ZTokenResponse } from "./spotify-schemas";

/** Renew this long before the token's stated expiry. */
const EXPIRY_MARGIN_MS = 60_000;

export class ClientCredentialsAuth implements IAuthStrategy {
  private token: (AccessToken & { expires: number }) | null = null;
  private pending: Promise<AccessToken> | null = null;
  /** Token requests made (the tests check the 401 refresh through it). */
  tokenRequests = 0;

  constructor(
    private readonly credentials: { clientId: string; clientSecret: string },
    private readonly accountsBase: string,
    private readonly timeoutMs: number,
  ) {}

  setConfiguration(_configuration: SdkConfiguration): void {}

  async getOrCreateAccessToken(): Promise<AccessToken> {
    if (this.token && this.token.expires - EXPIRY_MARGIN_MS > Date.now()) return this.token;
    this.pending ??= this.requestToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  async getAccessToken(): Promise<AccessToken | null> {
    return this.token;
  }

  removeAccessToken(): void {
    this.token = null;
  }

  private async requestToken(): Promise<AccessToken> {
    this.tokenRequests++;
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString("base64");
    const response = await fetchWithTimeout(
      `${this.accountsBase}/api/token`,
      {
        method: "POST",
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      },
      this.timeoutMs,
    );
    if (response.status === 400 || response.status === 401) {
      throw new ProviderFault(
        "credentials",
        `token request rejected (HTTP ${response.status}): check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET`,
        response.status,
      );
    }
    try {
      throwForStatus(response);
    } catch (error) {
      const f = error as ProviderFault;
      throw new ProviderFault(f.kind, `token request: ${f.message}`, f.status, f.retryAfterMs);
    }
    const body = await readJson(response, ZTokenResponse, "token");
    const token = { ...body, refresh_token: "", expires: Date.now() + body.expires_in * 1000 };
    this.token = token;
    return token;
  }
}
