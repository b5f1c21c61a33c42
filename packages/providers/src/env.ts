// The only place this package reads the environment. Everything else takes a TResolverConfig.
import { z } from "zod";
import { SpotifyPackageError } from "./errors";
import { PROVIDER_NAMES } from "./providers/registry";

const ZProviderList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(PROVIDER_NAMES)).min(1, "name at least one provider"))
  .refine((list) => new Set(list).size === list.length, "a provider is listed twice");

const ZBaseUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));
const ZPositiveInt = z.coerce.number().int().positive();
const blankAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ZSpotifyEnv = z.object({
  SPOTIFY_CLIENT_ID: z.preprocess(blankAsUndefined, z.string().optional()),
  SPOTIFY_CLIENT_SECRET: z.preprocess(blankAsUndefined, z.string().optional()),
  ANISONG_PROVIDERS: z.preprocess(blankAsUndefined, ZProviderList.default([...PROVIDER_NAMES])),
  ANISONG_CATALOG_PATH: z.preprocess(blankAsUndefined, z.string().optional()),
  ANISONG_CATALOG_CACHE_DIR: z.preprocess(blankAsUndefined, z.string().optional()),
  SPOTIFY_API_BASE: z.preprocess(blankAsUndefined, ZBaseUrl.default("https://api.spotify.com")),
  SPOTIFY_ACCOUNTS_BASE: z.preprocess(blankAsUndefined, ZBaseUrl.default("https://accounts.spotify.com")),
  RECCOBEATS_API_BASE: z.preprocess(blankAsUndefined, ZBaseUrl.default("https://api.reccobeats.com")),
  ANISONG_PROVIDER_TIMEOUT_MS: z.preprocess(blankAsUndefined, ZPositiveInt.default(2000)),
  ANISONG_MAX_RETRY_AFTER_MS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).default(3000)),
  ANISONG_RESOLVER_CACHE_SIZE: z.preprocess(blankAsUndefined, ZPositiveInt.default(500)),
});

export type TSpotifyCredentials = { clientId: string; clientSecret: string };

export type TResolverConfig = {
  /** Providers in the order they are tried: registry names (checked when the resolver is built). */
  providers: string[];
  /** Catalog file; default data/catalog/spotify_tracks.csv.gz at the repo root. */
  catalogPath?: string;
  /** Folder for the derived catalog cache; false: no cache; absent: <os tmp>/anisong-catalog-cache. */
  catalogCacheDir?: string | false;
  /** Absent: the Spotify provider is skipped ("no credentials"). */
  spotify?: TSpotifyCredentials;
  /** Origins only (no /v1): the providers add the API paths. */
  spotifyApiBase: string;
  spotifyAccountsBase: string;
  reccobeatsApiBase: string;
  /** Per HTTP call. */
  timeoutMs: number;
  /** A 429 whose Retry-After is longer than this falls through to the next provider instead of waiting. */
  maxRetryAfterMs: number;
  /** Resolutions kept in the in-memory LRU cache. */
  cacheSize: number;
};

/** The provider environment is invalid (messages name variables, never their values). */
export class SpotifyConfigError extends SpotifyPackageError {}

export function resolveSpotifyConfig(env: NodeJS.ProcessEnv = process.env): TResolverConfig {
  const parsed = ZSpotifyEnv.safeParse(env);
  if (!parsed.success) {
    // Only variable names and zod's messages: never the values (one of them is a secret).
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new SpotifyConfigError(`Invalid provider configuration: ${issues}`);
  }
  const e = parsed.data;
  if (Boolean(e.SPOTIFY_CLIENT_ID) !== Boolean(e.SPOTIFY_CLIENT_SECRET)) {
    throw new SpotifyConfigError("Set both SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET, or neither.");
  }
  return {
    providers: e.ANISONG_PROVIDERS,
    catalogPath: e.ANISONG_CATALOG_PATH,
    catalogCacheDir: e.ANISONG_CATALOG_CACHE_DIR === "off" ? false : e.ANISONG_CATALOG_CACHE_DIR,
    spotify:
      e.SPOTIFY_CLIENT_ID && e.SPOTIFY_CLIENT_SECRET ? { clientId: e.SPOTIFY_CLIENT_ID, clientSecret: e.SPOTIFY_CLIENT_SECRET } : undefined,
    spotifyApiBase: e.SPOTIFY_API_BASE,
    spotifyAccountsBase: e.SPOTIFY_ACCOUNTS_BASE,
    reccobeatsApiBase: e.RECCOBEATS_API_BASE,
    timeoutMs: e.ANISONG_PROVIDER_TIMEOUT_MS,
    maxRetryAfterMs: e.ANISONG_MAX_RETRY_AFTER_MS,
    cacheSize: e.ANISONG_RESOLVER_CACHE_SIZE,
  };
}
