import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createModelArtifact, FEATURE_NAMES } from "@anisong/core-ml";
import {
  closePrismaClient,
  createPrismaClient,
  createTestDatabase,
  createRating,
  findActiveModel,
  findActiveModelVersion,
  findModel,
  getInsights,
  pingDatabase,
  storeRecommendation,
  prepareRecommendation,
  findRecommendation,
  type TRecommendationOptions,
  lockFileFor,
  PGliteLockedError,
  listClusterSongs,
  migrateDatabase,
  migrationChecksum,
  readMigrations,
  type TTestDatabase,
} from "../src";

const migrations = readMigrations();

function artifactFor(seedText: string) {
  return createModelArtifact({
    featureNames: [...FEATURE_NAMES],
    scaler: { mean: [0.5, 0.7, -6, 0.08, 0.2, 0.02, 0.2, 0.5, 125], scale: [0.1, 0.2, 2.5, 0.05, 0.25, 0.1, 0.15, 0.2, 28] },
    k: 2,
    centroids: [
      [1, 1, 1, 0, -1, 0, 0, 1, 0.5],
      [-1, -1, -1, 0, 1, 0, 0, -1, -0.5],
    ],
    assignment: "cosine",
    inertia: 12.5,
    silhouette: 0.31,
    trainingRows: 2,
    trainingDataHash: seedText,
    createdAt: "2026-11-25T10:00:00.000Z",
  });
}

const songFeatures = {
  danceability: 0.6,
  energy: 0.9,
  loudness: -3.4,
  speechiness: 0.1,
  acousticness: 0.05,
  instrumentalness: 0,
  liveness: 0.3,
  valence: 0.7,
  tempo: 170,
};

describe.each(["pglite", "pglite-thread", "postgres"] as const)("@anisong/db on %s", (kind) => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("records the migration in Prisma's _prisma_migrations table with Prisma's checksum", async () => {
    const rows = await t.db.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]
    >(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    const sql = fs.readFileSync(path.join(__dirname, "../../../prisma/migrations", rows[0]!.migration_name, "migration.sql"));
    expect(rows[0]!.checksum).toBe(migrationChecksum(sql));
    expect(rows[0]!.finished_at).not.toBeNull();
    expect(rows[0]!.applied_steps_count).toBe(1);
  });

  it("is idempotent: a second run applies nothing (a folder held by the database thread refuses it)", async () => {
    if (kind === "pglite-thread") {
      // One PGlite instance per folder: the migration's in-process instance may not open beside the thread.
      await expect(migrateDatabase(t.config)).rejects.toThrow(PGliteLockedError);
      await expect(migrateDatabase(t.config)).rejects.toThrow("in this process's database thread");
      return;
    }
    const again = await migrateDatabase(t.config);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(migrations.map((m) => m.name));
    const count = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(count[0]!.n).toBe(migrations.length);
  });

  it("finds no active model in an empty database", async () => {
    expect(await findActiveModel(t.db)).toBeNull();
  });

  it("returns the active model with its clusters and lists cluster songs with features", async () => {
    const artifact = artifactFor(`test-${kind}`);
    const version = artifact.version;
    await t.db.model.create({
      data: {
        id: version,
        k: 2,
        features: artifact.featureNames,
        scaler: artifact.scaler,
        centroids: artifact.centroids,
        inertia: 12.5,
        silhouette: 0.31,
        trainingRows: 2,
        trainingDataHash: artifact.trainingDataHash,
        assignment: "cosine",
        artifact,
        isActive: true,
        activatedAt: new Date(),
        clusters: {
          create: [
            { index: 1, label: "calm · acoustic", size: 1, centroid: artifact.centroids[1]! },
            { index: 0, label: "energetic · loud", size: 1, centroid: artifact.centroids[0]! },
          ],
        },
      },
    });
    await t.db.song.createMany({
      data: [
        {
          id: "06XQvnJb53SUYmlWIhUXUi",
          title: "怪物",
          artists: ["YOASOBI"],
          album: "怪物",
          popularity: 70,
          genres: ["anime"],
          source: "seed",
          ...songFeatures,
        },
        { id: "5MVjxslIF7mVtYo75Nk445", title: "廻廻奇譚", artists: [], genres: [], source: "seed", ...songFeatures, energy: 0.2 },
      ],
    });
    await t.db.songCluster.createMany({
      data: [
        { modelId: version, songId: "06XQvnJb53SUYmlWIhUXUi", clusterIndex: 0 },
        { modelId: version, songId: "5MVjxslIF7mVtYo75Nk445", clusterIndex: 1 },
      ],
    });

    const active = await findActiveModel(t.db);
    expect(active?.model.version).toBe(version);
    expect(active?.model.centroids).toEqual(artifact.centroids);
    expect(active?.clusters.map((c) => [c.index, c.label, c.size])).toEqual([
      [0, "energetic · loud", 1],
      [1, "calm · acoustic", 1],
    ]);
    expect(active?.clusters[0]?.centroid).toEqual(artifact.centroids[0]);

    const all = await listClusterSongs(t.db, { modelId: version });
    expect(all.map((s) => [s.trackId, s.cluster])).toEqual([
      ["06XQvnJb53SUYmlWIhUXUi", 0],
      ["5MVjxslIF7mVtYo75Nk445", 1],
    ]);
    expect(all[0]).toMatchObject({
      title: "怪物",
      artists: ["YOASOBI"],
      album: "怪物",
      popularity: 70,
      genres: ["anime"],
      source: "seed",
      features: songFeatures,
    });
    const second = await listClusterSongs(t.db, { modelId: version, clusterIndex: 1 });
    expect(second.map((s) => s.features.energy)).toEqual([0.2]);
  });

  it("names the active version, stores a recommendation, rates it once and counts it in the insights", async () => {
    const version = await findActiveModelVersion(t.db);
    expect(version).toBe(artifactFor(`test-${kind}`).version);
    expect((await findModel(t.db, { modelId: version! }))?.clusters.map((c) => c.index)).toEqual([0, 1]);
    expect(await findModel(t.db, { modelId: "no-such-version" })).toBeNull();
    await pingDatabase(t.db);

    const similarity = Math.PI / 10; // 17 significant digits: more than Prisma's float parameters keep
    // The JSON arrays become text[] in the database: quotes, backslashes, commas and braces must come back as sent.
    const trackArtists = ["YOASOBI", 'Ado "うっせぇ", {x}\\y', "NULL"];
    const { id } = await storeRecommendation(t.db, {
      queryTitle: "怪物",
      queryArtist: null,
      queryTrackId: null,
      trackId: "06XQvnJb53SUYmlWIhUXUi",
      trackTitle: "怪物",
      trackArtists,
      features: songFeatures,
      featureSource: "catalog",
      modelId: version!,
      clusterIndex: 0,
      items: [{ songId: "5MVjxslIF7mVtYo75Nk445", similarity }],
    });
    const stored = await t.db.recommendation.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ trackArtists, kinds: ["original", "soundtrack"], features: songFeatures, clusterIndex: 0 });
    expect(stored.items).toEqual([{ songId: "5MVjxslIF7mVtYo75Nk445", similarity, seedSimilarities: [] }]);
    expect(stored.options).toBeNull();

    const rated = await createRating(t.db, { recommendationId: id, stars: 4, comment: "いいね" });
    expect(rated).toMatchObject({ status: "created", rating: { recommendationId: id, stars: 4, comment: "いいね" } });
    expect(await createRating(t.db, { recommendationId: id, stars: 1 })).toEqual({ status: "already_rated" });
    expect(await createRating(t.db, { recommendationId: "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b", stars: 1 })).toEqual({
      status: "recommendation_not_found",
    });

    const insights = await getInsights(t.db, { clustersOf: version!, recommendationId: id });
    expect(insights).toMatchObject({ ratings: { count: 1, average: 4 }, recommendations: 1 });
    expect(insights.byModel).toEqual([{ key: version, count: 1, average: 4 }]);
    expect(insights.byCluster).toEqual([{ key: "0", count: 1, average: 4 }]);
    expect(insights.query).toMatchObject({ trackTitle: "怪物", clusterIndex: 0 });
    expect((await getInsights(t.db, { clustersOf: version!, recommendationId: "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b" })).query).toBeNull();
    expect((await getInsights(t.db, { clustersOf: version! })).query).toBeUndefined();
  });

  it("stores the steering options and each item's seed similarities, and reads them back zod-checked", async () => {
    const version = (await findActiveModelVersion(t.db))!;
    const seed = { trackId: "06XQvnJb53SUYmlWIhUXUi", title: "怪物", artists: ["YOASOBI"], source: "catalog", features: songFeatures };
    const options: TRecommendationOptions = {
      seeds: [seed, { ...seed, trackId: "5MVjxslIF7mVtYo75Nk445", title: "Other", features: { ...songFeatures, energy: 0.2 } }],
      avoid: [{ ...seed, trackId: "0000000000000000000001", title: "Not this" }],
      targets: { energy: "more", tempo: "less" },
      tempoRange: { min: 90, max: 180 },
      variety: 0.4,
      maxPerArtist: 1,
      topN: 50,
    };
    const seedSimilarities = [Math.PI / 10, -Math.E / 10];
    const { id } = await storeRecommendation(t.db, {
      queryTitle: "怪物",
      queryArtist: null,
      queryTrackId: null,
      trackId: seed.trackId,
      trackTitle: seed.title,
      trackArtists: seed.artists,
      features: songFeatures,
      featureSource: "catalog",
      modelId: version,
      clusterIndex: 0,
      options,
      items: [{ songId: "5MVjxslIF7mVtYo75Nk445", similarity: 0.5, seedSimilarities }],
    });
    const found = await findRecommendation(t.db, id);
    expect(found?.options).toEqual(options);
    expect(found?.items[0]?.seedSimilarities).toEqual(seedSimilarities);

    // A malformed stored value (written by hand) reads as "no options", never as a broken object.
    await t.db.recommendation.update({ where: { id }, data: { options: { seeds: "nope" } } });
    expect((await findRecommendation(t.db, id))?.options).toBeNull();
  });

  it("stores a prepared recommendation as many times as asked, each a new row with its own id and time", async () => {
    const version = (await findActiveModelVersion(t.db))!;
    const prepared = prepareRecommendation({
      queryTitle: 'a "quoted" title',
      queryArtist: null,
      queryTrackId: null,
      trackId: "06XQvnJb53SUYmlWIhUXUi",
      trackTitle: "怪物",
      trackArtists: ["YOASOBI"],
      features: songFeatures,
      featureSource: "catalog",
      modelId: version,
      clusterIndex: 1,
      items: [{ songId: "5MVjxslIF7mVtYo75Nk445", similarity: Math.PI / 7, seedSimilarities: [Math.E / 9] }],
    });
    const first = await storeRecommendation(t.db, prepared);
    const second = await storeRecommendation(t.db, prepared);
    expect(second.id).not.toBe(first.id);
    expect(second.createdAt.getTime()).toBeGreaterThanOrEqual(first.createdAt.getTime());
    const rows = await t.db.recommendation.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.id, row.createdAt.getTime()])).toEqual(
      [first, second].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => [r.id, r.createdAt.getTime()]),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ queryTitle: 'a "quoted" title', trackArtists: ["YOASOBI"], clusterIndex: 1, options: null });
      expect(row.items).toEqual([{ songId: "5MVjxslIF7mVtYo75Nk445", similarity: Math.PI / 7, seedSimilarities: [Math.E / 9] }]);
    }
  });

  it("stores 40 concurrent recommendations together, and one with an unknown model fails alone", async () => {
    const version = (await findActiveModelVersion(t.db))!;
    const sent = Array.from({ length: 40 }, (_, i) => ({
      queryTitle: `batch ${i}`,
      queryArtist: null,
      queryTrackId: null,
      trackId: "06XQvnJb53SUYmlWIhUXUi",
      trackTitle: "怪物",
      trackArtists: ["YOASOBI", `B${i}`],
      features: songFeatures,
      featureSource: "catalog",
      modelId: i === 23 ? "no-such-model" : version,
      clusterIndex: i % 2,
      items: [{ songId: "5MVjxslIF7mVtYo75Nk445", similarity: Math.PI / (i + 10) }],
    }));
    const outcomes = await Promise.allSettled(sent.map((rec) => storeRecommendation(t.db, rec)));
    expect(outcomes.flatMap((o, i) => (o.status === "rejected" ? [i] : []))).toEqual([23]);
    // In-process PGlite's adapter hands Prisma no SQLSTATE ("Raw query failed. Code: `N/A`"): its message says less.
    if (kind !== "pglite") expect(String((outcomes[23] as PromiseRejectedResult).reason)).toMatch(/foreign key|23503/i);
    const stored = await t.db.recommendation.findMany({ where: { queryTitle: { startsWith: "batch " } } });
    expect(stored).toHaveLength(39);
    for (const [i, rec] of sent.entries()) {
      if (i === 23) continue;
      const row = stored.find((r) => r.id === (outcomes[i] as PromiseFulfilledResult<{ id: string }>).value.id)!;
      expect(row).toMatchObject({ queryTitle: `batch ${i}`, trackArtists: ["YOASOBI", `B${i}`], clusterIndex: i % 2 });
      expect(row.items).toEqual([{ ...rec.items[0], seedSimilarities: [] }]);
    }
  });
});

describe("migration runner edge cases (PGlite)", () => {
  it("rolls back a failing migration, records nothing for it and keeps earlier ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-migr-"));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-pglite-"));
    try {
      fs.mkdirSync(path.join(dir, "001_ok"));
      fs.writeFileSync(path.join(dir, "001_ok", "migration.sql"), `CREATE TABLE "A" (id INT PRIMARY KEY);`);
      fs.mkdirSync(path.join(dir, "002_bad"));
      fs.writeFileSync(path.join(dir, "002_bad", "migration.sql"), `CREATE TABLE "B" (id INT);\nSELECT * FROM "missing_table";`);
      const config = { kind: "pglite", dataDir } as const;
      await expect(migrateDatabase(config, { migrationsDir: dir })).rejects.toThrow(/002_bad failed and was rolled back/);
      const db = await createPrismaClient(config);
      const names = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations"`);
      expect(names.map((n) => n.migration_name)).toEqual(["001_ok"]);
      const tables = await db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('"B"')::text AS t`);
      expect(tables[0]!.t).toBeNull();
      await closePrismaClient(db);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it("locks a PGlite folder against other processes, and takes over a lock whose process is gone", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-pglite-"));
    const lock = lockFileFor(dataDir);
    const sleeper = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lock, `${sleeper.pid}\n`); // a live process holds the folder
      await expect(createPrismaClient({ kind: "pglite", dataDir })).rejects.toThrow(PGliteLockedError);
      await expect(createPrismaClient({ kind: "pglite", dataDir })).rejects.toThrow(`is open in process ${sleeper.pid}`);
      const gone = spawnSync("true").pid; // an exited process: its lock is stale
      fs.writeFileSync(lock, `${gone}\n`);
      const db = await createPrismaClient({ kind: "pglite", dataDir });
      expect(fs.readFileSync(lock, "utf8")).toBe(`${process.pid}\n`);
      await closePrismaClient(db);
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      sleeper.kill();
      fs.rmSync(lock, { force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it("shares one reference-counted client per PGlite folder and agrees with `prisma migrate status`", async () => {
    const t = await createTestDatabase({ kind: "pglite" });
    try {
      const second = await createPrismaClient(t.config);
      expect(second).toBe(t.db);
      await closePrismaClient(second); // one reference released: the folder stays open for the other holder
      expect(await t.db.model.count()).toBe(0);
      await closePrismaClient(t.db); // last reference: the folder is free for the Prisma CLI process
      if (t.config.kind !== "pglite") throw new Error("expected pglite");
      const out = await runPrismaMigrateStatus(t.config.dataDir);
      expect(out).toMatch(/Database schema is up to date/);
    } finally {
      await t.drop();
    }
  }, 180_000); // spawns the Prisma CLI: over a minute when the machine is loaded
});

/** `prisma migrate status` prints its verdict but keeps PGlite's event loop alive, so stop it once it has spoken. */
function runPrismaMigrateStatus(dataDir: string): Promise<string> {
  const cli = require.resolve("prisma/build/index.js", { paths: [path.join(__dirname, "..")] });
  const child = spawn(process.execPath, [cli, "migrate", "status"], {
    cwd: path.join(__dirname, ".."),
    env: { ...process.env, DATABASE_URL: "", ANISONG_PGLITE_DIR: dataDir },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const finish = () => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      resolve(out);
    };
    const timer = setTimeout(finish, 45_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (/Database schema is up to date|have not yet been applied|failed/i.test(out)) finish();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", finish);
  });
}
