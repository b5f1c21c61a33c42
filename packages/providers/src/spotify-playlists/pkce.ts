// Authorization Code with PKCE (RFC 7636, S256): the verifier stays on the server, only its SHA-256 goes to
// Spotify, so no client secret is needed anywhere.
import { createHash, randomBytes } from "node:crypto";

/** 64 random bytes → 86 base64url characters (RFC 7636 allows 43–128 of [A-Za-z0-9-._~]). */
export function createCodeVerifier(): string {
  return randomBytes(64).toString("base64url");
}

/** S256: base64url(sha256(verifier)), no padding. */
export function codeChallengeFor(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** The anti-forgery `state`: 256 random bits. */
export function createOAuthState(): string {
  return randomBytes(32).toString("base64url");
}

/** Only private playlists are created, so playlist-modify-private is the one scope asked for. */
export const SPOTIFY_SAVE_SCOPES = ["playlist-modify-private"] as const;

export function buildAuthorizeUrl(input: {
  accountsBase: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  scopes?: readonly string[];
}): string {
  const params = new URLSearchParams({
    client_id: input.clientId,
    response_type: "code",
    redirect_uri: input.redirectUri,
    code_challenge_method: "S256",
    code_challenge: input.codeChallenge,
    scope: (input.scopes ?? SPOTIFY_SAVE_SCOPES).join(" "),
    state: input.state,
  });
  return `${input.accountsBase}/authorize?${params}`;
}
