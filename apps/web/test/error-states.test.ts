// When the database is gone, every route answers a clear 503 JSON error (never a bare 500), and the
// write limit answers 429 with Retry-After.
import { createPrismaClient, closePrismaClient, type TDb } from "@anisong/db";
import * as healthRoute from "../src/app/api/health/route";
import * as insightsRoute from "../src/app/api/insights/route";
import * as ratingRoute from "../src/app/api/recommendations/[id]/rating/route";
import * as recommendationsRoute from "../src/app/api/recommendations/route";
import * as songsRoute from "../src/app/api/songs/route";
import { createSongResolver, resolveSpotifyConfig } from "@anisong/providers";
import { useDatabase, useResolver } from "../src/server/services";
import { call } from "./support/call-route";
import { freePort } from "./support/next-server";

jest.setTimeout(60_000);
process.env.ANISONG_WRITE_RATE_BURST = "3";
process.env.ANISONG_WRITE_RATE_PER_MINUTE = "1";

// Every test here serves from a PostgreSQL URL on a port that was just free: nothing listens there, so
// connections are refused (and the repository's own database is never touched).
let db: TDb;

beforeAll(async () => {
  db = await createPrismaClient({ kind: "postgres", url: `postgresql://postgres@127.0.0.1:${await freePort()}/anisong` });
  useDatabase(db);
});

afterAll(async () => {
  useDatabase(undefined);
  await closePrismaClient(db).catch(() => undefined);
});

describe("database unavailable", () => {
  test.each([
    ["GET /api/songs", () => call(songsRoute.GET, "/api/songs")],
    ["GET /api/insights", () => call(insightsRoute.GET, "/api/insights")],
    [
      "POST /api/recommendations/{id}/rating",
      () =>
        call(ratingRoute.POST, "/api/recommendations/3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b/rating", {
          method: "POST",
          params: { id: "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b" },
          json: { stars: 5 },
          ip: "198.51.100.1",
        }),
    ],
  ])("%s → 503 database_unavailable", async (_label, run) => {
    const res = await run();
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("database_unavailable");
    expect(res.body.error.message).toMatch(/database is unavailable/i);
  });

  test("GET /api/health → 503 with the database marked down", async () => {
    const res = await call(healthRoute.GET, "/api/health");
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "degraded", database: { ok: false }, model: { ok: false } });
  });
});

describe("every feature source down", () => {
  afterAll(() => useResolver(undefined));

  test("a track no provider can answer for → 503 providers_unavailable with the reasons", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    useResolver(
      createSongResolver({
        ...resolveSpotifyConfig({} as NodeJS.ProcessEnv),
        providers: ["catalog", "reccobeats"],
        reccobeatsApiBase: dead,
        timeoutMs: 500,
      }),
    );
    const res = await call(recommendationsRoute.POST, "/api/recommendations", {
      method: "POST",
      json: { trackId: "spotify:track:0000000000000000000000" },
      ip: "198.51.100.2",
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("providers_unavailable");
    expect(res.body.error.details.reasons.map((r: { provider: string }) => r.provider)).toContain("reccobeats");
  });
});

describe("per-client write limit", () => {
  test("the fourth write in a burst of three gets 429 with Retry-After; other clients are unaffected", async () => {
    const post = (ip: string) => call(recommendationsRoute.POST, "/api/recommendations", { method: "POST", json: {}, ip });
    // Invalid bodies still count: the limit is checked before any work is done.
    for (let i = 0; i < 3; i++) expect((await post("192.0.2.10")).status).toBe(400);
    const limited = await post("192.0.2.10");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await post("192.0.2.11")).status).toBe(400);
  });
});
