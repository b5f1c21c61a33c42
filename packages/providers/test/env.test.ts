import { resolveSpotifyConfig, SpotifyConfigError } from "../src";

describe("resolveSpotifyConfig", () => {
  it("defaults to the library, then the catalog, then Spotify, then ReccoBeats, 2 s timeouts, no credentials", () => {
    expect(resolveSpotifyConfig({})).toEqual({
      providers: ["library", "catalog", "spotify", "reccobeats"],
      catalogPath: undefined,
      catalogCacheDir: undefined,
      spotify: undefined,
      spotifyApiBase: "https://api.spotify.com",
      spotifyAccountsBase: "https://accounts.spotify.com",
      reccobeatsApiBase: "https://api.reccobeats.com",
      timeoutMs: 2000,
      maxRetryAfterMs: 3000,
      cacheSize: 500,
    });
  });

  it("reads order, credentials, loopback bases and limits", () => {
    const config = resolveSpotifyConfig({
      ANISONG_PROVIDERS: " Spotify, catalog ",
      SPOTIFY_CLIENT_ID: "id",
      SPOTIFY_CLIENT_SECRET: "secret",
      SPOTIFY_API_BASE: "http://127.0.0.1:4000/",
      SPOTIFY_ACCOUNTS_BASE: "http://127.0.0.1:4001",
      RECCOBEATS_API_BASE: "http://127.0.0.1:4002",
      ANISONG_PROVIDER_TIMEOUT_MS: "500",
      ANISONG_RESOLVER_CACHE_SIZE: "10",
      ANISONG_CATALOG_CACHE_DIR: "off",
    });
    expect(config).toMatchObject({
      providers: ["spotify", "catalog"],
      spotify: { clientId: "id", clientSecret: "secret" },
      spotifyApiBase: "http://127.0.0.1:4000",
      timeoutMs: 500,
      cacheSize: 10,
      catalogCacheDir: false,
    });
  });

  it("treats blank variables as unset", () => {
    expect(resolveSpotifyConfig({ SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: " ", ANISONG_PROVIDERS: "" }).spotify).toBeUndefined();
  });

  it.each([
    [{ ANISONG_PROVIDERS: "catalog,lastfm" }, /ANISONG_PROVIDERS/],
    [{ ANISONG_PROVIDERS: "catalog,catalog" }, /listed twice/],
    [{ ANISONG_PROVIDER_TIMEOUT_MS: "0" }, /ANISONG_PROVIDER_TIMEOUT_MS/],
    [{ SPOTIFY_API_BASE: "ftp://x" }, /SPOTIFY_API_BASE/],
    [{ SPOTIFY_CLIENT_ID: "only-id" }, /both SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET/],
  ])("rejects %j", (env, message) => {
    expect(() => resolveSpotifyConfig(env)).toThrow(SpotifyConfigError);
    expect(() => resolveSpotifyConfig(env)).toThrow(message);
  });

  it("never puts a secret in its error", () => {
    expect(() => resolveSpotifyConfig({ SPOTIFY_CLIENT_SECRET: "s3cr3t-value", ANISONG_PROVIDERS: "nope" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("s3cr3t-value") }),
    );
  });
});
