// A listener's Spotify tokens: stored once per session id, replaced on refresh, forgotten on sign-out, not used and
// then deleted past the session cookie's lifetime.
import {
  createTestDatabase,
  deleteOldSpotifySessions,
  deleteSpotifySession,
  findSpotifySession,
  storeSpotifySession,
  type TTestDatabase,
} from "../src";

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

  it("an old session is not found past a cut-off, and deleting the old ones keeps the others", async () => {
    const tokens = { accessToken: "BQ", refreshToken: "AQ", expiresAt: new Date("2026-12-04T13:00:00.000Z") };
    const [old, recent] = ["b".repeat(64), "c".repeat(64)];
    await storeSpotifySession(t.db, { id: old, tokens });
    await storeSpotifySession(t.db, { id: recent, tokens });
    const cutOff = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    await t.db.spotifySession.update({ where: { id: old }, data: { createdAt: new Date(cutOff.getTime() - 1000) } });

    expect(await findSpotifySession(t.db, { id: old, createdAfter: cutOff })).toBeNull();
    expect(await findSpotifySession(t.db, { id: old })).not.toBeNull(); // without a cut-off: any age
    expect(await findSpotifySession(t.db, { id: recent, createdAfter: cutOff })).toMatchObject({ id: recent });

    expect(await deleteOldSpotifySessions(t.db, { before: cutOff })).toEqual({ deleted: 1 });
    expect(await deleteOldSpotifySessions(t.db, { before: cutOff })).toEqual({ deleted: 0 });
    expect((await t.db.spotifySession.findMany({ select: { id: true } })).map((r) => r.id)).toEqual([recent]);
  });
});
