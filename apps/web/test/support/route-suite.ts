// The API's behaviour against one real database filled by the real pipeline. Run for PGlite and for
// the PostgreSQL server by routes.pglite.test.ts and routes.postgres.test.ts.
import { cosineSimilarity, FEATURE_NAMES, scaleFeatures } from "@anisong/core-ml";
import { createPrismaClient, closePrismaClient, openFaultSession, type TDb } from "@anisong/db";
import * as healthRoute from "../../src/app/api/health/route";
import * as insightsRoute from "../../src/app/api/insights/route";
import * as ratingRoute from "../../src/app/api/recommendations/[id]/rating/route";
import * as recommendationsRoute from "../../src/app/api/recommendations/route";
import * as searchRoute from "../../src/app/api/search/route";
import * as songsRoute from "../../src/app/api/songs/route";
import { useDatabase } from "../../src/server/services";
import { loadActiveModel } from "../../src/server/model/load-active-model";
import { call } from "./call-route";
import { prepareDatabase, type TPreparedDatabase } from "./prepare-database";

const LEVITATING = "5nujrmhLynf4yMoMtj8AQF";

export function describeRouteSuite(kind: "pglite" | "postgres"): void {
  describe(`API route handlers on ${kind}`, () => {
    let database: TPreparedDatabase;
    let db: TDb;

    beforeAll(async () => {
      database = await prepareDatabase(kind);
      db = await createPrismaClient(database.config);
      useDatabase(db);
    });

    afterAll(async () => {
      useDatabase(undefined);
      if (db) await closePrismaClient(db);
      if (database) await database.drop();
    });

    test("GET /api/health reports the database and the active model", async () => {
      const res = await call(healthRoute.GET, "/api/health");
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("ok");
      expect(res.body.database.ok).toBe(true);
      const active = await db.model.findFirstOrThrow({ where: { isActive: true } });
      expect(res.body.model).toMatchObject({ ok: true, version: active.id, k: active.k });
    });

    test("GET /api/songs pages and sorts the active model's songs", async () => {
      const active = await db.model.findFirstOrThrow({ where: { isActive: true } });
      const total = await db.songCluster.count({ where: { modelId: active.id } });

      const first = await call(songsRoute.GET, "/api/songs");
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ page: 1, size: 10, total, sort: "title", order: "asc", modelVersion: active.id });
      expect(first.body.items).toHaveLength(10);
      expect(first.body.totalPages).toBe(Math.ceil(total / 10));
      for (const item of first.body.items) {
        expect(item.spotifyUrl).toBe(`https://open.spotify.com/track/${item.id}`);
        expect(typeof item.cluster.label).toBe("string");
        expect(Object.keys(item.features).sort()).toEqual([...FEATURE_NAMES].sort());
      }

      const second = await call(songsRoute.GET, "/api/songs?page=2");
      const firstIds = new Set(first.body.items.map((s: { id: string }) => s.id));
      expect(second.body.items.some((s: { id: string }) => firstIds.has(s.id))).toBe(false);

      const byEnergy = await call(songsRoute.GET, "/api/songs?size=100&sort=energy&order=desc");
      expect(byEnergy.body.items).toHaveLength(Math.min(100, total));
      const energies = byEnergy.body.items.map((s: { features: { energy: number } }) => s.features.energy);
      expect(energies).toEqual([...energies].sort((a, b) => b - a));
      const maxEnergy = await db.song.aggregate({ _max: { energy: true }, where: { clusters: { some: { modelId: active.id } } } });
      expect(energies[0]).toBe(maxEnergy._max.energy);

      const cluster0 = await call(songsRoute.GET, "/api/songs?cluster=0&size=100");
      expect(cluster0.body.total).toBe(await db.songCluster.count({ where: { modelId: active.id, clusterIndex: 0 } }));
      expect(cluster0.body.items.every((s: { cluster: { index: number } }) => s.cluster.index === 0)).toBe(true);

      const beyond = await call(songsRoute.GET, "/api/songs?page=999");
      expect(beyond.status).toBe(200);
      expect(beyond.body.items).toEqual([]);
    });

    test("GET /api/search lists candidates from the offline catalog", async () => {
      const res = await call(searchRoute.GET, "/api/search?title=Levitating&artist=Dua%20Lipa");
      expect(res.status).toBe(200);
      expect(res.body.candidates[0]).toMatchObject({ id: LEVITATING, spotifyUrl: `https://open.spotify.com/track/${LEVITATING}` });
      expect(res.body.candidates[0].artists).toContain("Dua Lipa");
    });

    test("POST /api/recommendations stores and returns ten ranked picks with their explanation data", async () => {
      const res = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { title: "Levitating", artist: "Dua Lipa" },
      });
      expect(res.status).toBe(201);
      const body = res.body;
      expect(body.query.track.id).toBe(LEVITATING);
      expect(body.query.source).toBe("catalog");
      expect(body.items).toHaveLength(10);
      expect(body.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

      // The picks are the cluster's songs ranked by cosine similarity of the scaled features.
      const loaded = await loadActiveModel(db);
      const scaledQuery = scaleFeatures(loaded.model, body.query.features);
      const sims: number[] = body.items.map((i: { similarity: number }) => i.similarity);
      expect(sims).toEqual([...sims].sort((a, b) => b - a));
      for (const item of body.items) {
        expect(item.spotifyUrl).toBe(`https://open.spotify.com/track/${item.trackId}`);
        expect(item.cluster.index).toBe(body.cluster.index);
        expect(item.similarity).toBeCloseTo(cosineSimilarity(scaledQuery, scaleFeatures(loaded.model, item.features)), 10);
      }
      const clusterSongs = loaded.songs.filter((s) => s.cluster === body.cluster.index);
      expect(body.cluster.size).toBe(clusterSongs.length);
      const best = Math.max(...clusterSongs.map((s) => cosineSimilarity(scaledQuery, scaleFeatures(loaded.model, s.features))));
      expect(sims[0]).toBeCloseTo(best, 10);

      const stored = await db.recommendation.findUniqueOrThrow({
        where: { id: body.id },
        include: { items: { orderBy: { rank: "asc" } } },
      });
      expect(stored).toMatchObject({
        trackId: LEVITATING,
        featureSource: "catalog",
        modelId: body.modelVersion,
        clusterIndex: body.cluster.index,
        queryTitle: "Levitating",
        queryArtist: "Dua Lipa",
      });
      expect(stored.features).toEqual(body.query.features);
      expect(stored.items.map((i) => i.songId)).toEqual(body.items.map((i: { trackId: string }) => i.trackId));
    });

    test("a Spotify link resolves the same track, and topN goes up to 50", async () => {
      const res = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { trackId: `https://open.spotify.com/track/${LEVITATING}?si=abc`, topN: 50 },
      });
      expect(res.status).toBe(201);
      expect(res.body.query.track.id).toBe(LEVITATING);
      expect(res.body.items.length).toBe(Math.min(50, res.body.cluster.size));
    });

    test("a title-only search that matches several tracks offers them to pick from", async () => {
      const res = await call(recommendationsRoute.POST, "/api/recommendations", { method: "POST", json: { title: "Levitating" } });
      expect(res.status).toBe(201);
      expect(res.body.query.ambiguous).toBe(true);
      expect(res.body.query.candidates.length).toBeGreaterThan(0);
      expect(res.body.query.candidates.every((c: { id: string }) => c.id !== res.body.query.track.id)).toBe(true);
    });

    test("an unknown song answers 404 with suggestions, never a 5xx", async () => {
      const res = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { title: "Qwzxv Plonkety", artist: "Nobody Zyx" },
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("song_not_found");
      expect(res.body.error.details.suggestions.length).toBeGreaterThan(0);
      expect(res.body.error.details.suggestions[0].spotifyUrl).toMatch(/^https:\/\/open\.spotify\.com\/track\//);

      // A small typo still finds the song.
      const typo = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { title: "Levitatin", artist: "Dua Lipa" },
      });
      expect(typo.status).toBe(201);
      expect(typo.body.query.track.artists).toContain("Dua Lipa");
    });

    test("ratings are stored once per recommendation and counted by the insights", async () => {
      const before = await call(insightsRoute.GET, "/api/insights");
      const rec = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { title: "Harleys In Hawaii", artist: "Katy Perry" },
      });
      expect(rec.status).toBe(201);
      const path = `/api/recommendations/${rec.body.id}/rating`;
      const first = await call(ratingRoute.POST, path, {
        method: "POST",
        params: { id: rec.body.id },
        json: { stars: 4, comment: "  良い曲 <b>nice</b>  " },
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ recommendationId: rec.body.id, stars: 4, comment: "良い曲 <b>nice</b>" });

      const again = await call(ratingRoute.POST, path, { method: "POST", params: { id: rec.body.id }, json: { stars: 1 } });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("conflict");
      expect(await db.rating.count({ where: { recommendationId: rec.body.id } })).toBe(1);

      const after = await call(insightsRoute.GET, "/api/insights");
      expect(after.status).toBe(200);
      expect(after.body.ratings.count).toBe(before.body.ratings.count + 1);
      const all = await db.rating.findMany({ select: { stars: true } });
      expect(after.body.ratings.average).toBeCloseTo(all.reduce((s, r) => s + r.stars, 0) / all.length, 10);
      const cluster = after.body.byCluster.find((c: { index: number }) => c.index === rec.body.cluster.index);
      const beforeCluster = before.body.byCluster.find((c: { index: number }) => c.index === rec.body.cluster.index);
      expect(cluster.count).toBe(beforeCluster.count + 1);
      const model = after.body.byModel.find((m: { modelVersion: string }) => m.modelVersion === rec.body.modelVersion);
      expect(model).toMatchObject({ active: true });
      expect(model.count).toBeGreaterThanOrEqual(1);
    });

    test("GET /api/insights places a recommendation's song on the cluster map", async () => {
      const rec = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { trackId: LEVITATING },
      });
      const res = await call(insightsRoute.GET, `/api/insights?recommendation=${rec.body.id}`);
      expect(res.status).toBe(200);
      const { map } = res.body;
      expect(map.modelVersion).toBe(rec.body.modelVersion);
      expect(map.points.length).toBe(await db.songCluster.count({ where: { modelId: map.modelVersion } }));
      expect(map.clusters.length).toBe(res.body.byCluster.length);
      expect(map.explained[0]).toBeGreaterThanOrEqual(map.explained[1]);
      expect(map.query).toMatchObject({ title: rec.body.query.track.title, cluster: rec.body.cluster.index });
      expect(Number.isFinite(map.query.x) && Number.isFinite(map.query.y)).toBe(true);
      const plain = await call(insightsRoute.GET, "/api/insights");
      expect(plain.body.map.query).toBeNull();
    });

    test("the active model is loaded once per version, not per request", async () => {
      const a = await loadActiveModel(db);
      const b = await loadActiveModel(db, Date.now() + 60_000); // past the re-check interval
      expect(b).toBe(a);
    });

    // Hardening D5: PostgreSQL shutting the app's connections down (pg_terminate_backend, SQLSTATE 57P01)
    // while a write waits, and while the pool is idle. PGlite is in-process: nothing can close it from outside.
    if (kind === "postgres") {
      test("backends terminated mid-request → 503 database_unavailable; between requests → no 500; then it recovers", async () => {
        const config = database.config as Extract<typeof database.config, { kind: "postgres" }>;
        const post = () => call(recommendationsRoute.POST, "/api/recommendations", { method: "POST", json: { trackId: LEVITATING } });
        expect((await post()).status).toBe(201);

        const faults = await openFaultSession(config);
        try {
          await faults.lockTable("Recommendation"); // the request's INSERT waits here: it is in flight
          const inFlight = post();
          await faults.waitForBlockedQuery();
          expect(await faults.terminateOtherBackends()).toBeGreaterThan(0);
          const res = await inFlight;
          expect(res.status).toBe(503);
          expect(res.body.error.code).toBe("database_unavailable");
          expect(res.body.error.message).toMatch(/database is unavailable/i);
        } finally {
          await faults.close();
        }
        expect((await post()).status).toBe(201); // the pool connects afresh

        const idle = await openFaultSession(config);
        try {
          expect(await idle.terminateOtherBackends()).toBeGreaterThan(0);
        } finally {
          await idle.close();
        }
        const statuses: number[] = [];
        for (let i = 0; i < 5 && statuses.at(-1) !== 201; i++) statuses.push((await post()).status);
        expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
        expect(statuses.at(-1)).toBe(201);
      });
    }
  });
}
