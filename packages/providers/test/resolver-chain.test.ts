// The provider chain end to end: a small catalog of real rows + loopback Spotify and ReccoBeats servers.
import path from "node:path";
import { AllProvidersFailedError, createSongResolver, OFFLINE_HINT, SongNotFoundError, type TResolverConfig } from "../src";
import { CITY_OF_STARS, FakeReccoBeats, FakeSpotify, LEVITATING, NO_FEATURES } from "./fake-services";

const SAMPLE_CATALOG = path.join(__dirname, "fixtures", "catalog-sample.csv");
let spotify: FakeSpotify;
let recco: FakeReccoBeats;

beforeAll(async () => {
  spotify = await new FakeSpotify([LEVITATING, CITY_OF_STARS, NO_FEATURES]).start();
  recco = await new FakeReccoBeats([LEVITATING, CITY_OF_STARS, NO_FEATURES]).start();
});
afterAll(async () => {
  await spotify.stop();
  await recco.stop();
});
afterEach(() => {
  spotify.failAlways("audio-features", null);
  spotify.failAlways("search", null);
  recco.failAlways("audio-features", null);
});

function resolver(overrides: Partial<TResolverConfig> = {}) {
  return createSongResolver({
    providers: ["catalog", "spotify", "reccobeats"],
    catalogPath: SAMPLE_CATALOG,
    catalogCacheDir: false,
    spotify: { ...spotify.credentials },
    spotifyApiBase: spotify.url,
    spotifyAccountsBase: spotify.url,
    reccobeatsApiBase: recco.url,
    timeoutMs: 300,
    maxRetryAfterMs: 500,
    ...overrides,
  });
}

async function rejection<T>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe("resolver provider chain", () => {
  it("answers from the catalog without touching the network when the catalog has the song", async () => {
    const before = spotify.requests.length + recco.requests.length;
    const song = await resolver().resolve({ title: "Levitating", artist: "Dua Lipa" });
    expect(song.source).toBe("catalog");
    expect(spotify.requests.length + recco.requests.length).toBe(before);
  });

  it("falls back to Spotify search and Spotify features for a song the catalog lacks", async () => {
    const song = await resolver().resolve({ title: "City of Stars", artist: "Ryan Gosling" });
    expect(song.source).toBe("spotify");
    expect(song.track).toMatchObject({
      id: CITY_OF_STARS.id,
      title: "City of Stars",
      year: 2016,
      imageUrl: expect.stringContaining("i.scdn.co"),
    });
    expect(song.features.tempo).toBe(104.5);
    expect(song.attempts.map((a) => `${a.provider}: ${a.outcome}`)).toEqual([
      expect.stringMatching(/^catalog: not found offline; nearest "/),
      'spotify: matched "City of Stars" by Ryan Gosling, Emma Stone',
      "catalog: features: track not in the catalog",
      "spotify: features: found",
    ]);
  });

  it("after a 403 on audio features, uses ReccoBeats and stops asking Spotify for features", async () => {
    const r = resolver();
    spotify.failAlways("audio-features", { status: 403, body: JSON.stringify({ error: { status: 403, message: "Forbidden" } }) });
    const before = spotify.count("audio-features");
    const first = await r.resolve({ title: "City of Stars" });
    expect(first.source).toBe("reccobeats");
    expect(first.features.acousticness).toBe(0.9);
    expect(first.attempts.at(-2)).toEqual({ provider: "spotify", outcome: "failed: HTTP 403 (forbidden)" });
    expect(r.spotifyFeaturesAvailable).toBe(false);

    const second = await r.resolve({ trackId: `spotify:track:${CITY_OF_STARS.id}` });
    expect(second.source).toBe("reccobeats");
    expect(second.attempts).toContainEqual({
      provider: "spotify",
      outcome: expect.stringMatching(/^features: skipped \(audio features unavailable .*403/),
    });
    expect(spotify.count("audio-features") - before).toBe(1);
  });

  it("takes features from the catalog for a Spotify-found track the catalog has", async () => {
    const song = await resolver({ providers: ["spotify", "catalog", "reccobeats"] }).resolve({ title: "Levitating" });
    spotify.failAlways("audio-features", null);
    expect(song.track.year).toBe(2020); // Spotify's metadata…
    expect(song.track.genres?.sort()).toEqual(["dance", "pop"]); // …plus the catalog's genres
    expect(["spotify", "catalog"]).toContain(song.source);
  });

  it("falls through a Spotify 5xx and timeout to a typed error listing every reason", async () => {
    spotify.failNext("search", { status: 500 });
    const error = await rejection(resolver().resolve({ title: "City of Stars" }), AllProvidersFailedError);
    expect(error.reasons).toEqual([
      { provider: "catalog", reason: "not found offline", fault: false },
      { provider: "spotify", reason: "HTTP 500", fault: true },
    ]);
    expect(error.suggestions).toEqual([]); // nothing in the 20-track sample shares a gram with it

    spotify.failNext("search", { delayMs: 800 });
    const slow = await rejection(resolver().resolve({ title: "City of Stars" }), AllProvidersFailedError);
    expect(slow.reasons[1]).toEqual({ provider: "spotify", reason: "timed out after 300 ms", fault: true });
  });

  it("lists each feature provider's reason when none has the features", async () => {
    spotify.failAlways("audio-features", { status: 403 });
    recco.failAlways("audio-features", { status: 503 });
    const error = await rejection(resolver().resolve({ title: "City of Stars" }), AllProvidersFailedError);
    expect(error.reasons.map((r) => `${r.provider}: ${r.reason}`)).toEqual([
      "catalog: not found offline",
      "catalog: track not in the catalog",
      "spotify: HTTP 403 (forbidden)",
      "reccobeats: HTTP 503",
    ]);
    expect(error.message).toContain("reccobeats: HTTP 503");
  });

  it("says not found (not failed) when every provider answered without the song", async () => {
    const error = await rejection(resolver().resolve({ title: "Nonexistent Tune" }), SongNotFoundError);
    expect(error.hint).toMatch(/^Not found in the catalog or on Spotify/);
    expect(error.attempts.map((a) => a.provider)).toEqual(["catalog", "spotify"]);
  });

  it("without credentials: skips Spotify and gives the offline hint", async () => {
    const error = await rejection(resolver({ spotify: undefined }).resolve({ title: "City of Stars" }), SongNotFoundError);
    expect(error.hint).toBe(OFFLINE_HINT);
    expect(error.attempts[1]).toEqual({ provider: "spotify", outcome: "skipped (no credentials)" });
  });

  it("without credentials: resolves a pasted id through ReccoBeats (track + features)", async () => {
    const song = await resolver({ spotify: undefined }).resolve({ trackId: `https://open.spotify.com/track/${CITY_OF_STARS.id}?si=x` });
    expect(song).toMatchObject({
      source: "reccobeats",
      track: { id: CITY_OF_STARS.id, title: "City of Stars", artists: ["Ryan Gosling", "Emma Stone"] },
    });
  });

  it("a pasted id with no features anywhere is a typed failure", async () => {
    const error = await rejection(resolver().resolve({ trackId: NO_FEATURES.id }), AllProvidersFailedError);
    expect(error.reasons.map((r) => r.provider)).toEqual(["catalog", "spotify", "reccobeats"]);
    expect(error.reasons.at(-1)).toMatchObject({ reason: "no audio features for this track", fault: false });
  });

  it("keeps credentials out of every message and attempt", async () => {
    const secret = spotify.credentials.clientSecret;
    spotify.failNext("search", { status: 500 });
    const error = await rejection(resolver().resolve({ title: "City of Stars" }), AllProvidersFailedError);
    const wrong = await rejection(
      resolver({ spotify: { clientId: "someone", clientSecret: "hunter2-secret" } }).resolve({ title: "City of Stars" }),
      AllProvidersFailedError,
    );
    for (const e of [error, wrong]) {
      const text = `${e.message} ${JSON.stringify(e.reasons)} ${e.stack}`;
      expect(text).not.toContain(secret);
      expect(text).not.toContain("hunter2-secret");
      expect(text).not.toContain(Buffer.from(`someone:hunter2-secret`).toString("base64"));
    }
    expect(wrong.reasons[1]!.reason).toMatch(/^token request rejected \(HTTP 400\)/);
  });

  it("caches resolutions in memory, up to the bound", async () => {
    const r = resolver({ cacheSize: 1 });
    const searches = () => spotify.count("search");
    const start = searches();
    const a = await r.resolve({ title: "City of Stars" });
    expect(await r.resolve({ title: "city  of STARS" })).toBe(a); // same normalised query
    expect(searches() - start).toBe(1);
    await r.resolve({ trackId: CITY_OF_STARS.id }); // evicts the text query (bound 1)
    await r.resolve({ title: "City of Stars" });
    expect(searches() - start).toBe(2);
  });

  it("does not cache failures", async () => {
    const r = resolver();
    spotify.failNext("search", { status: 500 });
    await rejection(r.resolve({ title: "City of Stars" }), AllProvidersFailedError);
    expect((await r.resolve({ title: "City of Stars" })).track.id).toBe(CITY_OF_STARS.id);
  });

  it("search merges catalog and Spotify tracks for a picker, and survives a Spotify fault", async () => {
    const r = resolver();
    const tracks = await r.search({ title: "Levitating" });
    expect(tracks.filter((t) => t.id === LEVITATING.id)).toHaveLength(1);
    spotify.failNext("search", { status: 502 });
    const catalogOnly = await r.search({ title: "crossing field" });
    expect(catalogOnly[0]).toMatchObject({ title: "crossing field", artists: ["LiSA"] });
    spotify.failNext("search", { status: 502 });
    await expect(resolver({ catalogPath: "/nonexistent/catalog.csv" }).search({ title: "x" })).rejects.toBeInstanceOf(
      AllProvidersFailedError,
    );
  });
});
