// End to end on the real 438 seed songs: every step, into PGlite and into PostgreSQL (throwaway databases).
import fs from "node:fs";
import path from "node:path";
import { createTestDatabase, findActiveModel, listClusterSongs, type TDb, type TTestDatabase } from "@anisong/db";
import { resolveSpotifyConfig } from "@anisong/providers";
import { artifactPaths, runAll } from "../src";
import { createWorkspace, readJsonFile, REPO_DATA, type TWorkspace } from "./helpers";

function realDataWorkspace(): TWorkspace {
  return createWorkspace({
    paths: {
      seed: path.join(REPO_DATA, "raw/anime_songs.csv"),
      catalog: path.join(REPO_DATA, "catalog/spotify_tracks.csv.gz"),
      sample: path.join(REPO_DATA, "sample/sample_search_songs.csv"),
    },
  });
}

async function counts(db: TDb) {
  return {
    models: await db.model.count(),
    clusters: await db.cluster.count(),
    songs: await db.song.count(),
    links: await db.songCluster.count(),
    updated: (await db.song.aggregate({ _max: { updatedAt: true } }))._max.updatedAt?.toISOString(),
  };
}

describe.each(["pglite", "postgres"] as const)("pipeline all on the 438 seed songs into %s", (kind) => {
  let t: TTestDatabase;
  let ws: TWorkspace;
  beforeAll(async () => {
    t = await createTestDatabase({ kind });
    ws = realDataWorkspace();
    ws.ctx.database = t.config;
    ws.ctx.providers = resolveSpotifyConfig({}); // no Spotify credentials, whatever the shell has: enrich is skipped
  }, 60_000);
  afterAll(async () => {
    ws?.remove();
    await t?.drop();
  });

  it("builds, evaluates (the seed's 0.3708), publishes and ingests the model", async () => {
    const { skipped } = await runAll(ws.ctx);
    expect(skipped).toBe(false);
    const p = artifactPaths(ws.ctx.config);
    const evaluation = readJsonFile(p.evaluateReport);
    expect(evaluation.sampleSilhouette).toBeCloseTo(0.3708, 4);
    expect(evaluation).toMatchObject({ passed: true, published: true, metric: "sample", threshold: 0.2 });
    const published = readJsonFile(p.activeModel);

    const active = await findActiveModel(t.db);
    expect(active?.model.version).toBe(published.version);
    expect(active?.model.k).toBe(5);
    // `all` ingests the library (issue 9): the seed's 438 songs (5 merged as one recording with another seed
    // song, so 433 entries) plus the tracks dataset's anime rows, placed by the model trained on the seed alone.
    const library = readJsonFile(path.join(ws.ctx.config.paths.reports, "..", "library", "library.json"));
    expect(active?.libraryVersion).toBe(library.version);
    expect(active?.clusters.map((c) => c.size).reduce((a, b) => a + b, 0)).toBe(library.songs.length);
    for (const c of active!.clusters) expect(c.label).toMatch(/^[a-z ]+ · [a-z ]+$/);
    const songs = await listClusterSongs(t.db, { modelId: published.version });
    expect(songs).toHaveLength(library.songs.length);
    expect(songs.length).toBeGreaterThan(1300);
    const seedSongs = songs.filter((s) => s.source.split("+").includes("seed"));
    expect(seedSongs).toHaveLength(433);
    const yoasobi = songs.find((s) => s.trackId === "06XQvnJb53SUYmlWIhUXUi");
    expect(yoasobi).toMatchObject({ title: "怪物", artists: ["YOASOBI"] });
    expect(yoasobi!.source.split("+")).toContain("seed");
    // The ingest report: each cluster's size with the library and with the seed's songs only (438 in all).
    const report = readJsonFile(p.ingestReport);
    expect(report.libraryVersion).toBe(library.version);
    expect(report.clusters.reduce((n: number, c: { seedOnly: number }) => n + c.seedOnly, 0)).toBe(438);
    expect(report.clusters.map((c: { size: number }) => c.size)).toEqual(active!.clusters.map((c) => c.size));
    const csv = fs.readFileSync(p.clustersCsv, "utf8").trimEnd().split("\n");
    expect(csv).toHaveLength(439);
  }, 300_000);

  it("changes nothing when run again", async () => {
    const before = await counts(t.db);
    await runAll(ws.ctx);
    expect(readJsonFile(artifactPaths(ws.ctx.config).ingestReport).status).toBe("unchanged");
    expect(await counts(t.db)).toEqual(before);
  }, 300_000);

  // The decisions below are the pipeline's, not the database's: one database kind is enough, and each run of the
  // whole pipeline on the real data costs tens of seconds in CI.
  if (kind !== "pglite") return;
  it("`--if-needed` skips training, a new config replaces the model, a refused one does not", async () => {
    ws.ctx.flags.ifNeeded = true;
    ws.ctx.log.lines.length = 0;
    const { skipped, timings } = await runAll(ws.ctx);
    expect(skipped).toBe(true);
    // enrich (skipped: no Spotify credentials here) and the library are rebuilt to compare the library's hash
    expect(timings.map((x) => x.step)).toEqual(["acquire", "clean", "featurize", "enrich", "library"]);
    expect(ws.ctx.log.lines.some((l) => l.startsWith("up to date: the active model"))).toBe(true);

    ws.ctx.config.train.k = 4; // a different config is not "up to date": rebuilt, evaluated (passes), activated
    await runAll(ws.ctx);
    expect(ws.ctx.log.lines.some((l) => l.includes("is out of date: rebuilding"))).toBe(true);
    expect((await findActiveModel(t.db))?.model.k).toBe(4);
    expect(await t.db.model.count()).toBe(2); // the k = 5 model stays stored, inactive

    ws.ctx.config.train.k = 3; // refused by evaluate: the database keeps serving the k = 4 model
    ws.ctx.config.evaluate.threshold = 0.99;
    await expect(runAll(ws.ctx)).rejects.toThrow(/not published/);
    expect((await findActiveModel(t.db))?.model.k).toBe(4);
    expect(await t.db.model.findMany({ where: { isActive: true } })).toHaveLength(1);
    expect(await t.db.model.count()).toBe(2);
  }, 600_000);
});
