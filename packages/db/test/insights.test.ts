// The Insights queries on both databases, against groups whose statistics are computed by hand below.
import { createModelArtifact, FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import {
  createRating,
  createTestDatabase,
  groupRatings,
  groupRatingsByOption,
  listDailyRatings,
  listPickFeedback,
  listTopVotedSongs,
  setPickFeedback,
  startExperiment,
  summarizeExperimentVariants,
  storeModel,
  storeRecommendation,
  type TTestDatabase,
} from "../src";

const FEATURES: TAudioFeatures = {
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

const artifact = createModelArtifact({
  featureNames: [...FEATURE_NAMES],
  scaler: { mean: [0.5, 0.7, -6, 0.08, 0.2, 0.02, 0.2, 0.5, 125], scale: [0.1, 0.2, 2.5, 0.05, 0.25, 0.1, 0.15, 0.2, 28] },
  k: 2,
  centroids: [
    [1, 1, 1, 0, -1, 0, 0, 1, 0.5],
    [-1, -1, -1, 0, 1, 0, 0, -1, -0.5],
  ],
  assignment: "cosine",
  inertia: 1,
  silhouette: 0.3,
  trainingRows: 2,
  trainingDataHash: "insights-test",
  createdAt: "2026-12-01T00:00:00.000Z",
});

type TCase = { stars: number; day: string; cluster: number; source: string; kinds?: string[] };
// Day 1: 5, 4, 3 (mean 4, variance 1). Day 2: 2, 2, 5, 1 (mean 2.5, variance (0.25+0.25+6.25+2.25)/3 = 3).
// Cluster 0: 5, 4, 2, 5 (mean 4, var (1+0+4+1)/3 = 2); cluster 1: 3, 2, 1 (mean 2, var 1).
// Source catalog: 5, 3, 2, 1 (mean 2.75, var (5.0625+0.0625+0.5625+3.0625)/3 = 2.9166…); library: 4, 2, 5 (mean 11/3).
const CASES: TCase[] = [
  { stars: 5, day: "2026-12-01", cluster: 0, source: "catalog", kinds: ["soundtrack", "original"] },
  { stars: 4, day: "2026-12-01", cluster: 0, source: "library" },
  { stars: 3, day: "2026-12-01", cluster: 1, source: "catalog", kinds: ["cover"] },
  { stars: 2, day: "2026-12-02", cluster: 0, source: "library", kinds: ["original"] },
  { stars: 2, day: "2026-12-02", cluster: 1, source: "catalog", kinds: ["original"] },
  { stars: 5, day: "2026-12-02", cluster: 0, source: "library", kinds: ["original"] },
  { stars: 1, day: "2026-12-02", cluster: 1, source: "catalog", kinds: ["cover"] },
];

describe.each(["pglite", "postgres"] as const)("insights queries on %s", (kind) => {
  let t: TTestDatabase;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase({ kind });
    const songOf = (id: string) => ({
      id,
      title: "Song",
      artists: ["Artist"],
      album: null,
      features: FEATURES,
      key: null,
      mode: null,
      durationMs: null,
      popularity: null,
      genres: [],
      source: "seed",
      cluster: 0,
    });
    await storeModel(t.db, {
      artifact,
      clusters: [0, 1].map((index) => ({ index, label: `c${index}`, size: 1, centroid: artifact.centroids[index]! })),
      songs: [songOf("song-1"), songOf("song-2")],
    });
    for (const c of CASES) {
      const { id } = await storeRecommendation(t.db, {
        queryTitle: "q",
        queryArtist: null,
        queryTrackId: null,
        trackId: "t",
        trackTitle: "q",
        trackArtists: ["a"],
        features: FEATURES,
        featureSource: c.source,
        modelId: artifact.version,
        clusterIndex: c.cluster,
        kinds: c.kinds,
        items: [{ songId: "song-1", similarity: 0.9 }],
      });
      await createRating(t.db, { recommendationId: id, stars: c.stars });
      await t.db
        .$executeRaw`UPDATE "Rating" SET "createdAt" = ${`${c.day}T12:00:00.000Z`}::timestamptz AT TIME ZONE 'UTC' WHERE "recommendationId" = ${id}`;
      ids.push(id);
    }
  }, 60_000);

  afterAll(async () => {
    await t?.drop();
  });

  it("counts ratings per UTC day with mean and sample variance", async () => {
    const days = await listDailyRatings(t.db, { days: 30 });
    expect(days).toEqual([
      { key: "2026-12-01", n: 3, mean: 4, variance: 1 },
      { key: "2026-12-02", n: 4, mean: 2.5, variance: expect.closeTo(3, 12) },
    ]);
    expect(await listDailyRatings(t.db, { days: 1 })).toEqual([expect.objectContaining({ key: "2026-12-02" })]);
  });

  it("groups by cluster (one model), by the set of kinds, by feature source and by model", async () => {
    expect(await groupRatings(t.db, { by: "cluster", modelId: artifact.version })).toEqual([
      { key: "0", n: 4, mean: 4, variance: expect.closeTo(2, 12) },
      { key: "1", n: 3, mean: 2, variance: expect.closeTo(1, 12) },
    ]);
    expect(await groupRatings(t.db, { by: "cluster", modelId: "another-model" })).toEqual([]);
    expect(await groupRatings(t.db, { by: "kinds" })).toEqual([
      { key: "original", n: 3, mean: 3, variance: 3 },
      { key: "cover", n: 2, mean: 2, variance: 2 },
      { key: "original+soundtrack", n: 2, mean: 4.5, variance: 0.5 },
    ]);
    const bySource = await groupRatings(t.db, { by: "source" });
    expect(bySource).toEqual([
      { key: "catalog", n: 4, mean: 2.75, variance: expect.closeTo(35 / 12, 12) },
      { key: "library", n: 3, mean: expect.closeTo(11 / 3, 12), variance: expect.closeTo(7 / 3, 12) },
    ]);
    expect(await groupRatings(t.db, { by: "model" })).toEqual([
      { key: artifact.version, n: 7, mean: expect.closeTo(22 / 7, 12), variance: expect.any(Number) },
    ]);
  });

  it("groups by the steering options a listener changed (none for a plain or older list)", async () => {
    const seed = { trackId: "t", title: "t", artists: [], source: "library", features: {} };
    const plain = { seeds: [seed], avoid: [], targets: {}, tempoRange: null, variety: null, maxPerArtist: 2, topN: 50 };
    const setOptions = (id: string, options: object) =>
      t.db.$executeRaw`UPDATE "Recommendation" SET "options" = ${JSON.stringify(options)}::jsonb WHERE "id" = ${id}`;
    await setOptions(ids[0]!, { ...plain, variety: 0.5, avoid: [seed] }); // 5 stars
    await setOptions(ids[1]!, { ...plain, variety: 0, targets: { energy: "same" } }); // nothing changed
    await setOptions(ids[2]!, { ...plain, targets: { energy: "more" }, seeds: [seed, seed], maxPerArtist: 1 }); // 3 stars
    await setOptions(ids[3]!, { ...plain, tempoRange: { min: 90 } }); // 2 stars
    // none: ids 1, 4, 5, 6 (4, 2, 5, 1 stars: mean 3, variance (1 + 1 + 4 + 4) / 3), ids[1] and the three without options
    expect(await groupRatingsByOption(t.db)).toEqual([
      { key: "none", n: 4, mean: 3, variance: expect.closeTo(10 / 3, 12) },
      { key: "avoid", n: 1, mean: 5, variance: 0 },
      { key: "maxPerArtist", n: 1, mean: 3, variance: 0 },
      { key: "seeds", n: 1, mean: 3, variance: 0 },
      { key: "targets", n: 1, mean: 3, variance: 0 },
      { key: "tempoRange", n: 1, mean: 2, variance: 0 },
      { key: "variety", n: 1, mean: 5, variance: 0 },
    ]);
  });

  it("summarizes an experiment's variants (stars, votes) and ranks the most liked and most rejected songs", async () => {
    const started = await startExperiment(t.db, {
      name: "k5-vs-signal",
      minSilhouette: 0.2,
      variants: [
        { name: "a", modelId: artifact.version, feedbackSignal: false, weight: 1 },
        { name: "b", modelId: artifact.version, feedbackSignal: true, weight: 1 },
      ],
    });
    if (started.status !== "started") throw new Error(started.status);
    const experimentId = started.experiment.id;
    // a: stars 4 5 3 5 4 (mean 4.2, variance 2.8 / 4 = 0.7); b: 2 3 2 and one unrated (mean 7/3, variance 1/3).
    const plan: { variant: string; stars: number | null; votes: [string, "like" | "dislike"][] }[] = [
      {
        variant: "a",
        stars: 4,
        votes: [
          ["song-1", "like"],
          ["song-2", "like"],
        ],
      },
      { variant: "a", stars: 5, votes: [["song-1", "like"]] },
      { variant: "a", stars: 3, votes: [] },
      { variant: "a", stars: 5, votes: [] },
      { variant: "a", stars: 4, votes: [] },
      { variant: "b", stars: 2, votes: [["song-1", "dislike"]] },
      {
        variant: "b",
        stars: 3,
        votes: [
          ["song-2", "like"],
          ["song-1", "dislike"],
        ],
      },
      { variant: "b", stars: 2, votes: [] },
      { variant: "b", stars: null, votes: [] },
    ];
    for (const p of plan) {
      const { id } = await storeRecommendation(t.db, {
        queryTitle: "q",
        queryArtist: null,
        queryTrackId: null,
        trackId: "t",
        trackTitle: "q",
        trackArtists: ["a"],
        features: FEATURES,
        featureSource: "catalog",
        modelId: artifact.version,
        clusterIndex: 0,
        experimentId,
        variant: p.variant,
        feedbackSignal: p.variant === "b",
        items: [
          { songId: "song-1", similarity: 0.9 },
          { songId: "song-2", similarity: 0.8 },
        ],
      });
      if (p.stars !== null) await createRating(t.db, { recommendationId: id, stars: p.stars });
      for (const [songId, vote] of p.votes)
        expect((await setPickFeedback(t.db, { recommendationId: id, songId, vote })).status).toBe("saved");
    }

    expect(await summarizeExperimentVariants(t.db)).toEqual([
      {
        experimentId,
        variant: "a",
        recommendations: 5,
        n: 5,
        mean: expect.closeTo(4.2, 12),
        variance: expect.closeTo(0.7, 12),
        likes: 3,
        dislikes: 0,
      },
      {
        experimentId,
        variant: "b",
        recommendations: 4,
        n: 3,
        mean: expect.closeTo(7 / 3, 12),
        variance: expect.closeTo(1 / 3, 12),
        likes: 1,
        dislikes: 2,
      },
    ]);

    // song-1: 2 likes (a), 2 dislikes (b) → 0.5; song-2: 2 likes → 1.
    const song = (songId: string, likes: number, dislikes: number) => ({ songId, title: "Song", artists: ["Artist"], likes, dislikes });
    expect(await listTopVotedSongs(t.db, { order: "liked", minVotes: 2, limit: 10 })).toEqual([song("song-2", 2, 0), song("song-1", 2, 2)]);
    expect(await listTopVotedSongs(t.db, { order: "rejected", minVotes: 2, limit: 10 })).toEqual([song("song-1", 2, 2)]);
    expect(await listTopVotedSongs(t.db, { order: "liked", minVotes: 3, limit: 10 })).toEqual([song("song-1", 2, 2)]);
    expect(await listTopVotedSongs(t.db, { order: "liked", minVotes: 2, limit: 1 })).toHaveLength(1);

    const rows = await listPickFeedback(t.db);
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.vote === "dislike").map((r) => [r.songId, r.variant, r.experiment, r.feedbackSignal])).toEqual([
      ["song-1", "b", "k5-vs-signal", true],
      ["song-1", "b", "k5-vs-signal", true],
    ]);
    expect(rows[0]).toMatchObject({
      title: "Song",
      artists: ["Artist"],
      modelId: artifact.version,
      queryTitle: "q",
      createdAt: expect.any(Date),
    });
  });
});
