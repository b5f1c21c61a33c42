// A listener's Spotify tokens: stored once per session id, replaced on refresh, forgotten on sign-out.
import { createTestDatabase, deleteSpotifySession, findSpotifySession, storeSpotifySession, type TTestDatabase } from "../src";

jest.setTimeout(120_000);

describe.each(["pglite", "postgres"] as const)("Spotify sessions on %s", (kind) => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind });
  });
  afterAll(() => t?.drop());

  it("stores, replaces and deletes one row per session id", async () => {
    const id = "a".repeat(64);
    const first = { accessToken: "BQ-1", refreshToken: "AQ-1", expiresAt: new Date("2026-12-04T13:00:00.000Z") };
    expect(await findSpotifySession(t.db, { id })).toBeNull();
    await storeSpotifySession(t.db, { id, tokens: first });
    expect(await findSpotifySession(t.db, { id })).toMatchObject({ id, ...first });

    const refreshed = { accessToken: "BQ-2", refreshToken: "AQ-1", expiresAt: new Date("2026-12-04T14:00:00.000Z") };
    await Promise.all([storeSpotifySession(t.db, { id, tokens: refreshed }), storeSpotifySession(t.db, { id, tokens: refreshed })]);
    expect(await t.db.spotifySession.count()).toBe(1);
    expect(await findSpotifySession(t.db, { id })).toMatchObject(refreshed);

    await deleteSpotifySession(t.db, { id });
    await deleteSpotifySession(t.db, { id }); // idempotent
    expect(await findSpotifySession(t.db, { id })).toBeNull();
  });
});
