// The migration that moved a recommendation's picks into its own row (20261205150000_recommendation_items_in_row)
// keeps what was stored: a database migrated up to the one before it holds a recommendation with three item rows
// (written out of rank order, with 17-digit similarities and one pick without seed similarities); after the rest
// of the migrations, the row's `items` lists the picks in rank order with the same doubles, and the permalink's
// reader and the pick-feedback writes read them from there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createTestDatabase,
  findRecommendation,
  migrateDatabase,
  readMigrations,
  setPickFeedback,
  clearPickFeedback,
  storeRecommendation,
  type TTestDatabase,
} from "../src";

const MOVE = "20261205150000_recommendation_items_in_row";

const FEATURES = {
  danceability: 0.5,
  energy: 0.7,
  loudness: -5,
  speechiness: 0.05,
  acousticness: 0.1,
  instrumentalness: 0,
  liveness: 0.1,
  valence: 0.6,
  tempo: 120,
};

/** The migrations folder as it was before MOVE: a copy of every earlier migration. */
function migrationsBeforeMove(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-migr-before-"));
  for (const m of readMigrations()) {
    if (m.name >= MOVE) continue;
    fs.mkdirSync(path.join(dir, m.name));
    fs.writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
  }
  return dir;
}

describe.each(["pglite", "postgres"] as const)("moving the picks into their recommendation's row on %s", (kind) => {
  let t: TTestDatabase;
  let before: string;
  beforeAll(async () => {
    expect(readMigrations().some((m) => m.name === MOVE)).toBe(true);
    before = migrationsBeforeMove();
    t = await createTestDatabase({ kind, migrate: false });
    await migrateDatabase(t.config, { migrationsDir: before });
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(before, { recursive: true, force: true });
  });

  it("keeps each stored pick, in rank order, with every digit", async () => {
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Model" (id, k, features, scaler, centroids, inertia, silhouette, "trainingRows", "trainingDataHash", assignment, artifact)
       VALUES ('m1', 2, '{}', '{}', '[]', 1, 0.1, 2, 'h', 'cosine', '{}')`,
    );
    await t.db.song.createMany({
      data: ["s1", "s2", "s3"].map((id) => ({ id, title: `Song ${id}`, artists: ["A"], source: "seed", ...FEATURES })),
    });
    await t.db.$executeRawUnsafe(`INSERT INTO "SongCluster" ("modelId", "songId", "clusterIndex") VALUES ('m1', 's2', 1)`);
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Recommendation" (id, "trackId", "trackTitle", "trackArtists", features, "featureSource", "modelId", "clusterIndex")
       VALUES ('r1', 't', 'T', '{A}', $1::jsonb, 'catalog', 'm1', 1), ('r-empty', 't', 'T', '{A}', $1::jsonb, 'catalog', 'm1', 0)`,
      JSON.stringify(FEATURES),
    );
    // Out of rank order; the similarities as JSON text, as the web wrote them (every digit).
    await t.db.$executeRawUnsafe(
      `INSERT INTO "RecommendationItem" ("recommendationId", rank, "songId", similarity, "seedSimilarities")
       SELECT 'r1', x.rank, x."songId", x.similarity, x.seeds
       FROM jsonb_to_recordset($1::jsonb) AS x(rank int, "songId" text, similarity float8, seeds float8[])`,
      JSON.stringify([
        { rank: 3, songId: "s3", similarity: -Math.E / 10, seeds: [] },
        { rank: 1, songId: "s2", similarity: Math.PI / 10, seeds: [Math.SQRT2 / 3, 1 / 3] },
        { rank: 2, songId: "s1", similarity: 1e-7 / 3, seeds: [0.1 + 0.2, 0] },
      ]),
    );

    const result = await migrateDatabase(t.config);
    expect(result.applied).toContain(MOVE);

    const rows = await t.db.recommendation.findMany({ orderBy: { id: "asc" }, select: { id: true, items: true } });
    expect(rows).toEqual([
      { id: "r-empty", items: [] },
      {
        id: "r1",
        items: [
          { songId: "s2", similarity: Math.PI / 10, seedSimilarities: [Math.SQRT2 / 3, 1 / 3] },
          { songId: "s1", similarity: 1e-7 / 3, seedSimilarities: [0.1 + 0.2, 0] },
          { songId: "s3", similarity: -Math.E / 10, seedSimilarities: [] },
        ],
      },
    ]);
    const tables = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'RecommendationItem'`,
    );
    expect(tables).toEqual([{ n: 0 }]);

    const found = await findRecommendation(t.db, "r1");
    expect(found?.items.map((item) => [item.rank, item.song.id, item.song.title, item.similarity, item.clusterIndex])).toEqual([
      [1, "s2", "Song s2", Math.PI / 10, 1],
      [2, "s1", "Song s1", 1e-7 / 3, null],
      [3, "s3", "Song s3", -Math.E / 10, null],
    ]);
    expect((await findRecommendation(t.db, "r-empty"))?.items).toEqual([]);
  });

  it("takes a vote on a pick of the row and refuses a song outside it, as before", async () => {
    expect(await setPickFeedback(t.db, { recommendationId: "r1", songId: "s1", vote: "like" })).toMatchObject({
      status: "saved",
      feedback: { vote: "like" },
    });
    expect((await findRecommendation(t.db, "r1"))?.items.map((item) => item.vote)).toEqual([null, "like", null]);
    expect(await setPickFeedback(t.db, { recommendationId: "r-empty", songId: "s1", vote: "like" })).toEqual({
      status: "song_not_in_recommendation",
    });
    expect(await setPickFeedback(t.db, { recommendationId: "nope", songId: "s1", vote: "like" })).toEqual({
      status: "recommendation_not_found",
    });
    expect(await clearPickFeedback(t.db, { recommendationId: "r1", songId: "s1" })).toEqual({ status: "cleared", removed: true });
    expect(await clearPickFeedback(t.db, { recommendationId: "r1", songId: "s3" })).toEqual({ status: "cleared", removed: false });
    expect(await clearPickFeedback(t.db, { recommendationId: "r1", songId: "s9" })).toEqual({ status: "song_not_in_recommendation" });
  });

  it("stores a new recommendation's picks in its row, and a pick whose song is gone is left out of the view", async () => {
    const { id } = await storeRecommendation(t.db, {
      queryTitle: "q",
      queryArtist: null,
      queryTrackId: null,
      trackId: "t",
      trackTitle: "T",
      trackArtists: ["A"],
      features: FEATURES,
      featureSource: "catalog",
      modelId: "m1",
      clusterIndex: 1,
      items: [
        { songId: "s2", similarity: 0.9, seedSimilarities: [0.5] },
        { songId: "gone", similarity: 0.8, seedSimilarities: [0.4] },
        { songId: "s3", similarity: 0.7, seedSimilarities: [0.3] },
      ],
    });
    const found = await findRecommendation(t.db, id);
    expect(found?.items.map((item) => [item.rank, item.song.id])).toEqual([
      [1, "s2"],
      [3, "s3"],
    ]);
  });
});
