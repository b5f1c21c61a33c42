// The only place the web app reads its own environment. The database (DATABASE_URL, ANISONG_PGLITE_DIR)
// and the song providers (SPOTIFY_*, ANISONG_PROVIDERS, …) are read by @anisong/db and @anisong/providers.
import { z } from "zod";
import { parseTrustedProxies } from "./http/trusted-proxies";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Where Spotify sends the listener back after "Save to Spotify": this app's /api/spotify/callback, absolute,
 * exactly as registered in the Spotify Developer Dashboard. https, or http on a loopback host only (Spotify
 * accepts plain http nowhere else).
 */
const ZSpotifyRedirectUrl = z
  .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
  // zod runs these refinements after a failed URL check too: `URL.parse` is null then, and the URL issue stands alone.
  .refine((u) => {
    const url = URL.parse(u);
    return !url || url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname);
  }, "http is allowed only for 127.0.0.1, localhost or [::1]")
  .refine(
    (u) => (URL.parse(u)?.pathname ?? "/api/spotify/callback") === "/api/spotify/callback",
    "must end in /api/spotify/callback (the app's callback route)",
  )
  .refine((u) => !URL.parse(u)?.search && !URL.parse(u)?.hash, "must have no query or fragment");

const int = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

export const ZWebEnv = z.object({
  /** Sustained writes per minute per client (POST /api/recommendations and ratings). */
  ANISONG_WRITE_RATE_PER_MINUTE: int(1, 60),
  /** Burst size of the per-client write token bucket. */
  ANISONG_WRITE_RATE_BURST: int(1, 20),
  /** Largest accepted JSON request body, in bytes. */
  ANISONG_MAX_BODY_BYTES: int(64, 8192),
  /** How long the active model's version is trusted before the database is asked again. */
  ANISONG_MODEL_CHECK_MS: int(0, 5000),
  /**
   * Embedded PGlite only: "worker" (default) runs the database in a worker thread of its own, so PostgreSQL's
   * work (two thirds of a stored recommendation's CPU) runs beside the request thread; "main" keeps it on it.
   */
  ANISONG_PGLITE_THREAD: z.enum(["worker", "main"]).default("worker"),
  /**
   * Who may set X-Forwarded-For: a comma-separated list of addresses/CIDRs (IPv4 or IPv6) of the
   * proxies in front, or "hops:N" for N proxies. Unset: nobody; the client is the socket's peer.
   */
  ANISONG_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (parsed.ok) return parsed.trust;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
  /** "true" when the deployment is served over TLS (at a proxy or here): sends Strict-Transport-Security. */
  ANISONG_BEHIND_TLS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** "on" (default): listeners' like / not-for-me votes adjust the ranking (a bounded, smoothed signal); "off": never. */
  ANISONG_FEEDBACK_SIGNAL: z.enum(["on", "off"]).default("on"),
  /** How long the loaded per-song votes (and the running experiment) are reused before the database is asked again. */
  ANISONG_FEEDBACK_CACHE_MS: int(0, 30000),
  /** redis://… shares the write limits across instances; unset keeps them in this process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  /**
   * "Save to Spotify" (Authorization Code with PKCE, a public client: no secret). The client id of the app registered
   * in the Spotify Developer Dashboard; it may be the same app as SPOTIFY_CLIENT_ID. Unset: the button is hidden.
   */
  SPOTIFY_PKCE_CLIENT_ID: z
    .string()
    .regex(/^[0-9A-Za-z]{8,64}$/, "must be a Spotify client id (letters and digits)")
    .optional(),
  ANISONG_SPOTIFY_REDIRECT_URL: ZSpotifyRedirectUrl.optional(),
});

export type TWebEnv = z.infer<typeof ZWebEnv>;

/** The two Save to Spotify settings come together: one without the other is a configuration mistake, said at once. */
export const ZWebEnvChecked = ZWebEnv.refine((e) => Boolean(e.SPOTIFY_PKCE_CLIENT_ID) === Boolean(e.ANISONG_SPOTIFY_REDIRECT_URL), {
  message: "set both SPOTIFY_PKCE_CLIENT_ID and ANISONG_SPOTIFY_REDIRECT_URL, or neither",
  path: ["ANISONG_SPOTIFY_REDIRECT_URL"],
});

let cached: TWebEnv | undefined;

export function webEnv(): TWebEnv {
  cached ??= ZWebEnvChecked.parse({
    ANISONG_WRITE_RATE_PER_MINUTE: emptyToUndefined(process.env.ANISONG_WRITE_RATE_PER_MINUTE),
    ANISONG_WRITE_RATE_BURST: emptyToUndefined(process.env.ANISONG_WRITE_RATE_BURST),
    ANISONG_MAX_BODY_BYTES: emptyToUndefined(process.env.ANISONG_MAX_BODY_BYTES),
    ANISONG_MODEL_CHECK_MS: emptyToUndefined(process.env.ANISONG_MODEL_CHECK_MS),
    ANISONG_TRUSTED_PROXIES: emptyToUndefined(process.env.ANISONG_TRUSTED_PROXIES),
    ANISONG_BEHIND_TLS: emptyToUndefined(process.env.ANISONG_BEHIND_TLS),
    ANISONG_FEEDBACK_SIGNAL: emptyToUndefined(process.env.ANISONG_FEEDBACK_SIGNAL),
    ANISONG_FEEDBACK_CACHE_MS: emptyToUndefined(process.env.ANISONG_FEEDBACK_CACHE_MS),
    REDIS_URL: emptyToUndefined(process.env.REDIS_URL),
    SPOTIFY_PKCE_CLIENT_ID: emptyToUndefined(process.env.SPOTIFY_PKCE_CLIENT_ID),
    ANISONG_SPOTIFY_REDIRECT_URL: emptyToUndefined(process.env.ANISONG_SPOTIFY_REDIRECT_URL),
  });
  return cached;
}

/** `next dev`: React needs 'unsafe-eval' in the CSP there (never in production). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v;
}
