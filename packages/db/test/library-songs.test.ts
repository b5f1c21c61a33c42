// The library in the database, on PGlite and PostgreSQL: storeModel writes the library fields, a new library on a
// stored model adds songs and recounts clusters (idempotent), findLibrarySong answers to any merged id (GIN index).
import { createModelArtifact, FEATURE_NAMES } from "@anisong/core-ml";
import {
  createTestDatabase,
  findActiveModel,
  findLibrarySong,
  listClusterSongs,
  storeModel,
  type TNewSong,
  type TTestDatabase,
} from "../src";

const artifact = createModelArtifact({
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
  trainingDataHash: "library-test",
  createdAt: "2026-12-02T10:00:00.000Z",
});

// 0.1 + 0.2 style values: a float that Prisma's parameter rounding would move must come back exact.
const features = (x: number) => ({
  danceability: 0.1 + 0.2 * x,
  energy: 0.9,
  loudness: -3.4000000000000004,
  speechiness: 0.1,
  acousticness: 0.05,
  instrumentalness: 0,
  liveness: 0.3,
  valence: 0.7,
  tempo: 170.00000000000003,
});
const song = (id: string, title: string, extra: Partial<TNewSong> = {}): TNewSong & { cluster: number } => ({
  id,
  title,
  artists: ["Eve"],
  album: null,
  features: features(id.length),
  key: null,
  mode: null,
  durationMs: 200_000,
  popularity: null,
  genres: [],
  source: "seed",
  cluster: 0,
  ...extra,
});
const lib = (kind: "original" | "soundtrack" | "cover", alternateIds: string[] = [], provenance = ["seed"]) => ({
  provenance,
  kind,
  isVersion: false,
  songKey: "k",
  animeTitle: "呪術廻戦",
  alternateIds,
});

describe.each(["pglite", "postgres"] as const)("library songs on %s", (kind) => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });
  const clusters = (a: number, b: number) => [
    { index: 0, label: "a", size: a, centroid: artifact.centroids[0]! },
    { index: 1, label: "b", size: b, centroid: artifact.centroids[1]! },
  ];

  it("a seed-only model, then the library on the same model: songs added, kinds and merged ids written, sizes recounted", async () => {
    const seed = [song("5MVjxslIF7mVtYo75Nk445", "廻廻奇譚"), song("1111111111111111111111", "Gurenge")];
    expect(await storeModel(t.db, { artifact, clusters: clusters(2, 0), songs: seed })).toEqual({ status: "created", songsInserted: 2 });
    expect((await findActiveModel(t.db))?.libraryVersion).toBeNull();

    const library = [
      { ...seed[0]!, source: "seed+tracks-dataset", library: lib("original", ["2222222222222222222222"], ["seed", "tracks-dataset"]) },
      // Gurenge merged away into another id: it leaves the model's list
      song("3333333333333333333333", "Kaikai Kitan (Lofi)", { source: "tracks-dataset", library: lib("cover", [], ["tracks-dataset"]) }),
    ].map((s, i) => ({ ...s, cluster: i }));
    const updated = await storeModel(t.db, { artifact, clusters: clusters(1, 1), songs: library, libraryVersion: "lib-1" });
    expect(updated).toEqual({ status: "library-updated", songsInserted: 1 });
    // The same library again changes nothing.
    expect(await storeModel(t.db, { artifact, clusters: clusters(1, 1), songs: library, libraryVersion: "lib-1" })).toEqual({
      status: "unchanged",
      songsInserted: 0,
    });

    const active = await findActiveModel(t.db);
    expect(active?.libraryVersion).toBe("lib-1");
    expect(active?.clusters.map((c) => c.size)).toEqual([1, 1]);
    const listed = await listClusterSongs(t.db, { modelId: artifact.version });
    expect(listed.map((s) => [s.trackId, s.kind, s.cluster])).toEqual([
      ["5MVjxslIF7mVtYo75Nk445", "original", 0],
      ["3333333333333333333333", "cover", 1],
    ]);
    expect(listed[0]).toMatchObject({ animeTitle: "呪術廻戦", alternateIds: ["2222222222222222222222"], source: "seed+tracks-dataset" });
  });

  it("findLibrarySong: by id or by a merged id, features exact, null outside the model's library", async () => {
    const byId = await findLibrarySong(t.db, { id: "5MVjxslIF7mVtYo75Nk445", modelId: artifact.version });
    const byAlias = await findLibrarySong(t.db, { id: "2222222222222222222222", modelId: artifact.version });
    expect(byAlias).toEqual(byId);
    expect(byId).toMatchObject({
      id: "5MVjxslIF7mVtYo75Nk445",
      title: "廻廻奇譚",
      kind: "original",
      cluster: 0,
      provenance: ["seed", "tracks-dataset"],
    });
    expect(byId!.features).toEqual(features(22));
    expect(await findLibrarySong(t.db, { id: "1111111111111111111111", modelId: artifact.version })).toBeNull();
    expect(await findLibrarySong(t.db, { id: "5MVjxslIF7mVtYo75Nk445", modelId: "no-such-model" })).toBeNull();
  });

  it("finds by a merged id through the GIN index", async () => {
    await t.db.$executeRawUnsafe("SET enable_seqscan = off");
    const plan = await t.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT "id" FROM "Song" WHERE "alternateIds" @> ARRAY['2222222222222222222222']::text[]`,
    );
    await t.db.$executeRawUnsafe("SET enable_seqscan = on");
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Song_alternateIds_idx/);
  });

  it("writes Spotify enrichment's release date and cover, and a changed one reaches a stored song", async () => {
    const cover = "https://i.scdn.co/image/ab67616d00001e02fixture";
    const enriched = (coverUrl: string | null) => [
      {
        ...song("5MVjxslIF7mVtYo75Nk445", "廻廻奇譚"),
        source: "seed+tracks-dataset",
        library: { ...lib("original", ["2222222222222222222222"], ["seed", "tracks-dataset"]), releaseDate: "2020-11-20", coverUrl },
      },
      {
        ...song("3333333333333333333333", "Kaikai Kitan (Lofi)", {
          source: "tracks-dataset",
          library: lib("cover", [], ["tracks-dataset"]),
        }),
        cluster: 1,
      },
    ];
    const stored = () => t.db.song.findMany({ orderBy: { id: "asc" }, select: { id: true, releaseDate: true, coverUrl: true } });
    expect(await storeModel(t.db, { artifact, clusters: clusters(1, 1), songs: enriched(cover), libraryVersion: "lib-2" })).toEqual({
      status: "library-updated",
      songsInserted: 0,
    });
    expect(await stored()).toEqual([
      { id: "1111111111111111111111", releaseDate: null, coverUrl: null },
      { id: "3333333333333333333333", releaseDate: null, coverUrl: null },
      { id: "5MVjxslIF7mVtYo75Nk445", releaseDate: "2020-11-20", coverUrl: cover },
    ]);
    await storeModel(t.db, { artifact, clusters: clusters(1, 1), songs: enriched(null), libraryVersion: "lib-3" });
    expect((await stored())[2]).toEqual({ id: "5MVjxslIF7mVtYo75Nk445", releaseDate: "2020-11-20", coverUrl: null });
  });
});
