// The two cookies of "Save to Spotify", both httpOnly, SameSite=Lax (sent on Spotify's top-level redirect back),
// Path=/api/spotify (no other route sees them) and Secure when the app is served over https.
// - anisong_spotify_login: the pending sign-in (state, PKCE verifier, recommendation id) for 10 minutes. It is not
//   signed: it holds no server secret, it only lets this browser finish the sign-in it started; a forged one can
//   only run a forger's own sign-in.
// - anisong_spotify_session: 256 random bits naming the listener's SpotifySession row (by its SHA-256) for 30
//   days; the tokens stay in the database, and the row is not used (then deleted) past the cookie's lifetime.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const LOGIN_COOKIE = "anisong_spotify_login";
export const SESSION_COOKIE = "anisong_spotify_session";
export const LOGIN_MAX_AGE_S = 600;
export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

/**
 * The oldest a stored session may be and still be used: the session cookie is set once, at sign-in, for
 * SESSION_MAX_AGE_S. The server holds rows to the same lifetime, so a copied cookie does not outlive it, and each
 * new sign-in deletes the rows past it (finish-spotify-save.ts).
 */
export function oldestLiveSession(now: Date): Date {
  return new Date(now.getTime() - SESSION_MAX_AGE_S * 1000);
}

const ZPendingLogin = z.object({
  state: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  verifier: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/),
  recommendationId: z.uuid(),
});
export type TPendingLogin = z.infer<typeof ZPendingLogin>;

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function cookie(name: string, value: string, maxAgeS: number, secure: boolean): string {
  return `${name}=${value}; Path=/api/spotify; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function pendingLoginCookie(login: TPendingLogin, secure: boolean): string {
  return cookie(LOGIN_COOKIE, Buffer.from(JSON.stringify(login)).toString("base64url"), LOGIN_MAX_AGE_S, secure);
}

export function clearedCookie(name: string, secure: boolean): string {
  return cookie(name, "", 0, secure);
}

/** The pending sign-in, or null when the cookie is absent, expired or not one we wrote. */
export function readPendingLogin(request: Request): TPendingLogin | null {
  const raw = readCookie(request, LOGIN_COOKIE);
  if (!raw || raw.length > 1024) return null;
  try {
    return ZPendingLogin.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8"))).data ?? null;
  } catch {
    return null;
  }
}

/** Constant-time comparison of the state Spotify echoed with the one this browser holds. */
export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sessionCookie(token: string, secure: boolean): string {
  return cookie(SESSION_COOKIE, token, SESSION_MAX_AGE_S, secure);
}

/** The browser's session token, if it looks like one we issued. */
export function readSessionToken(request: Request): string | undefined {
  const raw = readCookie(request, SESSION_COOKIE);
  return raw && /^[A-Za-z0-9_-]{43}$/.test(raw) ? raw : undefined;
}

/** The SpotifySession row id for a cookie: its SHA-256, so a database reader cannot replay the cookie. */
export function sessionRowId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
