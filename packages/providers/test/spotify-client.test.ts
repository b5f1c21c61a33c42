// The real SDK + HTTP code against loopback Spotify and ReccoBeats servers, fault by fault.
import { InvalidQueryError, ProviderFault } from "../src";
import { SpotifyClient, buildSearchQuery } from "../src/providers/spotify/spotify-client";
import { ReccoBeatsClient } from "../src/providers/reccobeats/reccobeats-client";
import { CITY_OF_STARS, FakeReccoBeats, FakeSpotify, LEVITATING, NO_FEATURES } from "./fake-services";

const TIMEOUT_MS = 300;
let spotifyServer: FakeSpotify;
let reccoServer: FakeReccoBeats;

beforeAll(async () => {
  spotifyServer = await new FakeSpotify([LEVITATING, CITY_OF_STARS, NO_FEATURES]).start();
  reccoServer = await new FakeReccoBeats([LEVITATING, CITY_OF_STARS, NO_FEATURES]).start();
});
afterAll(async () => {
  await spotifyServer.stop();
  await reccoServer.stop();
});

function client(overrides: Partial<ConstructorParameters<typeof SpotifyClient>[0]> = {}): SpotifyClient {
  return new SpotifyClient({
    ...spotifyServer.credentials,
    apiBase: spotifyServer.url,
    accountsBase: spotifyServer.url,
    timeoutMs: TIMEOUT_MS,
    maxRetryAfterMs: 1000,
    ...overrides,
  });
}

async function fault(promise: Promise<unknown>): Promise<ProviderFault> {
  const error = await promise.then(
    () => new Error("expected a fault"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderFault);
  return error as ProviderFault;
}

describe("Spotify search query", () => {
  it("uses track: and artist: filters, either alone, without the listener's quotes", () => {
    expect(buildSearchQuery({ title: "Levitating", artist: "Dua Lipa" })).toBe('track:"Levitating" artist:"Dua Lipa"');
    expect(buildSearchQuery({ title: 'Say "Yes"' })).toBe('track:"Say Yes"');
    expect(buildSearchQuery({ artist: "LiSA" })).toBe('artist:"LiSA"');
    expect(buildSearchQuery({})).toBe("");
  });
});

describe("SpotifyClient", () => {
  it("gets a client-credentials token once and searches with it", async () => {
    const spotify = client();
    const before = spotifyServer.requests.length;
    const tracks = await spotify.searchTracks({ title: "Levitating", artist: "Dua Lipa" }, 5);
    expect(tracks).toEqual([
      {
        id: LEVITATING.id,
        title: "Levitating (feat. DaBaby)",
        artists: ["Dua Lipa", "DaBaby"],
        album: "Future Nostalgia",
        year: 2020,
        popularity: 85,
        imageUrl: `https://i.scdn.co/image/ab67616d0000b273${LEVITATING.id}`,
        spotifyUrl: `https://open.spotify.com/track/${LEVITATING.id}`,
      },
    ]);
    await spotify.searchTracks({ artist: "Ryan Gosling" });
    const log = spotifyServer.requests.slice(before);
    expect(log.map((r) => r.path)).toEqual(["/api/token", "/v1/search", "/v1/search"]);
    expect(log[0]!.body).toBe("grant_type=client_credentials");
    expect(log[1]!.query.get("q")).toBe('track:"Levitating" artist:"Dua Lipa"');
    expect(log[1]!.query.get("type")).toBe("track");
    expect(log[1]!.query.get("limit")).toBe("5");
    expect(log[1]!.authorization).toMatch(/^Bearer BQ-fake-token-\d+$/);
    expect(spotify.tokenRequests).toBe(1);
  });

  it("refuses a query with neither title nor artist before calling Spotify", async () => {
    const before = spotifyServer.requests.length;
    await expect(client().searchTracks({ title: ' " ', artist: "" })).rejects.toBeInstanceOf(InvalidQueryError);
    expect(spotifyServer.requests.length).toBe(before);
  });

  it("reads a track and its audio features", async () => {
    const spotify = client();
    expect((await spotify.getTrack(CITY_OF_STARS.id)).title).toBe("City of Stars");
    expect(await spotify.audioFeatures(LEVITATING.id)).toEqual({
      danceability: 0.702,
      energy: 0.825,
      loudness: -3.787,
      speechiness: 0.0601,
      acousticness: 0.00883,
      instrumentalness: 0,
      liveness: 0.0674,
      valence: 0.915,
      tempo: 102.977,
    });
  });

  it("refreshes the token once after a 401, then succeeds", async () => {
    const spotify = client();
    await spotify.searchTracks({ title: "City" });
    spotifyServer.expireTokens();
    const tracks = await spotify.searchTracks({ title: "City" });
    expect(tracks[0]!.id).toBe(CITY_OF_STARS.id);
    expect(spotify.tokenRequests).toBe(2);
  });

  it("gives up after a second 401", async () => {
    const spotify = client();
    spotifyServer.failNext("search", { status: 401 }, { status: 401 });
    const f = await fault(spotify.searchTracks({ title: "City" }));
    expect(f.kind).toBe("unauthorized");
    expect(spotify.tokenRequests).toBe(2);
  });

  it("reports rejected credentials without echoing the secret", async () => {
    const spotify = client({ clientSecret: "wrong-secret-value" });
    const f = await fault(spotify.searchTracks({ title: "City" }));
    expect(f.kind).toBe("credentials");
    expect(f.message).toContain("SPOTIFY_CLIENT_SECRET");
    expect(JSON.stringify({ ...f, message: f.message })).not.toContain("wrong-secret-value");
  });

  it("waits out a short Retry-After on 429 and retries", async () => {
    const spotify = client();
    spotifyServer.failNext("search", { status: 429, headers: { "Retry-After": "0" } });
    const before = spotifyServer.count("search");
    expect((await spotify.searchTracks({ title: "City" }))[0]!.id).toBe(CITY_OF_STARS.id);
    expect(spotifyServer.count("search") - before).toBe(2);
  });

  it("falls through at once when Retry-After exceeds the bound", async () => {
    const spotify = client({ maxRetryAfterMs: 1000 });
    spotifyServer.failNext("search", { status: 429, headers: { "Retry-After": "30" } });
    const before = spotifyServer.count("search");
    const f = await fault(spotify.searchTracks({ title: "City" }));
    expect(f.kind).toBe("rate-limited");
    expect(f.retryAfterMs).toBe(30_000);
    expect(f.message).toMatch(/Retry-After 30 s.*not waiting longer than 1 s/);
    expect(spotifyServer.count("search") - before).toBe(1);
  });

  it("stops after one wait when still rate limited", async () => {
    const spotify = client();
    spotifyServer.failNext("search", { status: 429, headers: { "Retry-After": "0" } }, { status: 429, headers: { "Retry-After": "0" } });
    expect((await fault(spotify.searchTracks({ title: "City" }))).message).toContain("still limited after waiting once");
  });

  it.each([
    [{ status: 500 }, "http", "HTTP 500"],
    [{ status: 503, body: "<html>Service Unavailable</html>" }, "http", "HTTP 503"],
    [{ malformed: true as const }, "malformed", "response is not JSON"],
    [{ status: 200, body: JSON.stringify({ tracks: { items: [{ id: "short", name: 1 }] } }) }, "malformed", "unexpected response shape"],
    [{ status: 200, body: "" }, "malformed", "unexpected response shape"],
  ])("turns %j into a %s fault", async (f, kind, message) => {
    const spotify = client();
    spotifyServer.failNext("search", f);
    const error = await fault(spotify.searchTracks({ title: "City" }));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
  });

  it("times out a slow call", async () => {
    const spotify = client();
    spotifyServer.failNext("search", { delayMs: TIMEOUT_MS + 400 });
    const error = await fault(spotify.searchTracks({ title: "City" }));
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe(`timed out after ${TIMEOUT_MS} ms`);
  });

  it("times out a slow token endpoint too", async () => {
    const spotify = client();
    spotifyServer.failNext("token", { delayMs: TIMEOUT_MS + 400 });
    expect((await fault(spotify.searchTracks({ title: "City" }))).kind).toBe("timeout");
  });

  it("reports token endpoint faults with their status, honouring a short Retry-After", async () => {
    spotifyServer.failNext("token", { status: 503 });
    const f = await fault(client().searchTracks({ title: "City" }));
    expect(f).toMatchObject({ kind: "http", message: "token request: HTTP 503", status: 503 });
    spotifyServer.failNext("token", { status: 429, headers: { "Retry-After": "0" } });
    expect((await client().searchTracks({ title: "City" }))[0]!.id).toBe(CITY_OF_STARS.id);
  });

  it("reports a 403 on audio features as forbidden", async () => {
    const spotify = client();
    spotifyServer.failNext("audio-features", { status: 403 });
    expect((await fault(spotify.audioFeatures(LEVITATING.id))).kind).toBe("forbidden");
  });

  it("reports a network failure when nothing listens", async () => {
    const spotify = client({ apiBase: "http://127.0.0.1:9", accountsBase: "http://127.0.0.1:9" });
    expect((await fault(spotify.searchTracks({ title: "City" }))).kind).toBe("network");
  });
});

describe("ReccoBeatsClient", () => {
  const recco = () => new ReccoBeatsClient({ apiBase: reccoServer.url, timeoutMs: TIMEOUT_MS, maxRetryAfterMs: 1000 });

  it("maps features back by the Spotify id in href", async () => {
    const features = await recco().audioFeatures(CITY_OF_STARS.id);
    expect(features).toEqual({
      danceability: 0.35,
      energy: 0.2,
      loudness: -14.5,
      speechiness: 0.04,
      acousticness: 0.9,
      instrumentalness: 0.001,
      liveness: 0.1,
      valence: 0.3,
      tempo: 104.5,
    });
    const last = reccoServer.requests.at(-1)!;
    expect(last.path).toBe("/v1/audio-features");
    expect(last.query.get("ids")).toBe(CITY_OF_STARS.id);
  });

  it("returns null for a track it has not analysed or does not know", async () => {
    expect(await recco().audioFeatures(NO_FEATURES.id)).toBeNull();
    expect(await recco().audioFeatures("0000000000000000000000")).toBeNull();
    expect(await recco().track("0000000000000000000000")).toBeNull();
  });

  it("reads track metadata", async () => {
    expect(await recco().track(LEVITATING.id)).toEqual({
      id: LEVITATING.id,
      title: "Levitating (feat. DaBaby)",
      artists: ["Dua Lipa", "DaBaby"],
      popularity: 85,
      spotifyUrl: `https://open.spotify.com/track/${LEVITATING.id}`,
    });
  });

  it("validates the response shape", async () => {
    reccoServer.failNext("audio-features", { status: 200, body: JSON.stringify({ content: [{ id: "x", href: "y", danceability: 7 }] }) });
    expect((await fault(recco().audioFeatures(LEVITATING.id))).kind).toBe("malformed");
  });

  it("honours a short Retry-After and reports 5xx", async () => {
    reccoServer.failNext("audio-features", { status: 429, headers: { "Retry-After": "0" } });
    expect(await recco().audioFeatures(LEVITATING.id)).not.toBeNull();
    reccoServer.failNext("audio-features", { status: 502 });
    expect((await fault(recco().audioFeatures(LEVITATING.id))).message).toBe("HTTP 502");
  });
});
