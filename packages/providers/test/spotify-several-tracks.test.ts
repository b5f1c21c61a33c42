// getSeveralTracks (GET /v1/tracks?ids=…) through the real SDK and HTTP code against the loopback Spotify server.
import { InvalidQueryError, ProviderFault, SEVERAL_TRACKS_MAX_IDS, SpotifyClient } from "../src";
import { CITY_OF_STARS, FakeSpotify, LEVITATING, NO_FEATURES } from "./fake-services";

/** Generous (a loaded machine must not turn a call into a timeout); the timeout case sets a short one. */
const TIMEOUT_MS = 10_000;
const SHORT_TIMEOUT_MS = 300;
const UNKNOWN = "UnknownTrackId00000001";
let server: FakeSpotify;

beforeAll(async () => {
  server = await new FakeSpotify([LEVITATING, CITY_OF_STARS, NO_FEATURES]).start();
});
afterAll(() => server.stop());

function client(overrides: Partial<ConstructorParameters<typeof SpotifyClient>[0]> = {}): SpotifyClient {
  return new SpotifyClient({
    ...server.credentials,
    apiBase: server.url,
    accountsBase: server.url,
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

describe("SpotifyClient.getSeveralTracks", () => {
  it("asks once for several ids and maps each to its details, null for an id Spotify does not know", async () => {
    const before = server.count("several-tracks");
    const found = await client().getSeveralTracks([LEVITATING.id, UNKNOWN, NO_FEATURES.id, LEVITATING.id]);
    expect(server.count("several-tracks") - before).toBe(1);
    expect(server.requests.at(-1)!.query.get("ids")).toBe(`${LEVITATING.id},${UNKNOWN},${NO_FEATURES.id}`);
    expect([...found.keys()]).toEqual([LEVITATING.id, UNKNOWN, NO_FEATURES.id]);
    expect(found.get(UNKNOWN)).toBeNull();
    expect(found.get(LEVITATING.id)).toEqual({
      id: LEVITATING.id,
      title: "Levitating (feat. DaBaby)",
      artists: ["Dua Lipa", "DaBaby"],
      album: "Future Nostalgia",
      releaseDate: "2020-03-27",
      releaseDatePrecision: "day",
      images: [
        { url: `https://i.scdn.co/image/ab67616d0000b273${LEVITATING.id}`, width: 640, height: 640 },
        { url: `https://i.scdn.co/image/ab67616d00001e02${LEVITATING.id}`, width: 300, height: 300 },
      ],
    });
    expect(found.get(NO_FEATURES.id)).toMatchObject({ releaseDate: "2026", releaseDatePrecision: "year" });
  });

  it("refuses more than 50 ids, or a string that is not a track id, before calling Spotify", async () => {
    const before = server.requests.length;
    const many = Array.from({ length: SEVERAL_TRACKS_MAX_IDS + 1 }, (_, i) => `Fixture${String(i).padStart(15, "0")}`);
    await expect(client().getSeveralTracks(many)).rejects.toThrow(
      new InvalidQueryError("Spotify answers at most 50 ids per call (got 51)."),
    );
    await expect(client().getSeveralTracks([LEVITATING.id, "not-an-id"])).rejects.toBeInstanceOf(InvalidQueryError);
    expect(await client().getSeveralTracks([])).toEqual(new Map());
    expect(server.requests.length).toBe(before);
    expect((await client().getSeveralTracks(many.slice(0, 50))).size).toBe(50);
  });

  it("waits out a short Retry-After on 429, then succeeds", async () => {
    server.failNext("several-tracks", { status: 429, headers: { "Retry-After": "0" } });
    const before = server.count("several-tracks");
    expect((await client().getSeveralTracks([CITY_OF_STARS.id])).get(CITY_OF_STARS.id)?.album).toBe(CITY_OF_STARS.album);
    expect(server.count("several-tracks") - before).toBe(2);
  });

  it("does not wait for a Retry-After beyond the bound", async () => {
    server.failNext("several-tracks", { status: 429, headers: { "Retry-After": "30" } });
    const f = await fault(client().getSeveralTracks([CITY_OF_STARS.id]));
    expect(f).toMatchObject({ kind: "rate-limited", retryAfterMs: 30_000 });
  });

  it("refreshes the token once after a 401", async () => {
    const spotify = client();
    await spotify.getSeveralTracks([CITY_OF_STARS.id]);
    server.expireTokens();
    expect((await spotify.getSeveralTracks([CITY_OF_STARS.id])).get(CITY_OF_STARS.id)).not.toBeNull();
    expect(spotify.tokenRequests).toBe(2);
  });

  it.each([
    [{ status: 500 }, "http", "HTTP 500"],
    [{ status: 503, body: "<html>Service Unavailable</html>" }, "http", "HTTP 503"],
    [{ malformed: true as const }, "malformed", "response is not JSON"],
    [
      { status: 200, body: JSON.stringify({ tracks: [{ id: LEVITATING.id, name: "x", artists: [] }] }) },
      "malformed",
      "several-tracks: unexpected",
    ],
    [{ status: 200, body: JSON.stringify({ items: [] }) }, "malformed", "several-tracks: unexpected response shape (tracks"],
    [{ status: 200, body: JSON.stringify({ tracks: [] }) }, "malformed", "several-tracks: 0 tracks for 1 ids"],
  ])("turns %j into a %s fault", async (f, kind, message) => {
    server.failNext("several-tracks", f);
    const error = await fault(client().getSeveralTracks([LEVITATING.id]));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
  });

  it("times out a slow call", async () => {
    server.failNext("several-tracks", { delayMs: SHORT_TIMEOUT_MS + 1500 });
    expect(await fault(client({ timeoutMs: SHORT_TIMEOUT_MS }).getSeveralTracks([LEVITATING.id]))).toMatchObject({
      kind: "timeout",
      message: `timed out after ${SHORT_TIMEOUT_MS} ms`,
    });
  });
});
