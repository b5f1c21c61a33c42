import {
  clearPickFeedback,
  createTestDatabase,
  findRecommendation,
  findRunningExperiment,
  listExperiments,
  listSongFeedback,
  setPickFeedback,
  startExperiment,
  stopExperiment,
  storeRecommendation,
  type TTestDatabase,
} from "../src";

const features = {
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
const SONGS = ["song-a", "song-b", "song-c"];
const UNKNOWN_ID = "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b";

async function seed(t: TTestDatabase) {
  const model = (id: string, silhouette: number) => ({
    id,
    k: 2,
    features: [],
    scaler: {},
    centroids: [],
    inertia: 1,
    silhouette,
    trainingRows: 3,
    trainingDataHash: id,
    assignment: "cosine",
    artifact: {},
  });
  await t.db.model.createMany({ data: [model("model-k5", 0.31), model("model-k8", 0.27), model("model-weak", 0.12)] });
  await t.db.song.createMany({
    data: SONGS.map((id) => ({ id, title: `title ${id}`, artists: ["artist"], genres: [], source: "seed", ...features })),
  });
}

function recommend(t: TTestDatabase, input: { modelId?: string; clusterIndex?: number; experimentId?: string; variant?: string } = {}) {
  return storeRecommendation(t.db, {
    queryTitle: "q",
    queryArtist: null,
    queryTrackId: null,
    trackId: "query-track",
    trackTitle: "q",
    trackArtists: ["x"],
    features,
    featureSource: "catalog",
    modelId: input.modelId ?? "model-k5",
    clusterIndex: input.clusterIndex ?? 0,
    experimentId: input.experimentId,
    variant: input.variant,
    feedbackSignal: input.variant === "b",
    items: [
      { songId: "song-a", similarity: 0.9 },
      { songId: "song-b", similarity: 0.8 },
    ],
  });
}

describe.each(["pglite", "postgres"] as const)("pick feedback and experiments on %s", (kind) => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind });
    await seed(t);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("stores one vote per recommendation and song: idempotent, changeable, clearable, shown on the permalink", async () => {
    const { id } = await recommend(t);
    const first = await setPickFeedback(t.db, { recommendationId: id, songId: "song-a", vote: "like" });
    expect(first).toMatchObject({ status: "saved", feedback: { vote: "like" } });
    const again = await setPickFeedback(t.db, { recommendationId: id, songId: "song-a", vote: "like" });
    expect(again).toEqual(first); // same vote: the row does not change, updatedAt included
    expect(await t.db.pickFeedback.count({ where: { recommendationId: id } })).toBe(1);

    const changed = await setPickFeedback(t.db, { recommendationId: id, songId: "song-a", vote: "dislike" });
    expect(changed).toMatchObject({ status: "saved", feedback: { vote: "dislike" } });
    expect(await t.db.pickFeedback.count({ where: { recommendationId: id } })).toBe(1);

    const found = await findRecommendation(t.db, id);
    expect(found?.items.map((i) => [i.song.id, i.vote])).toEqual([
      ["song-a", "dislike"],
      ["song-b", null],
    ]);
    expect(found).toMatchObject({ experimentId: null, variant: null, feedbackSignal: false });

    expect(await clearPickFeedback(t.db, { recommendationId: id, songId: "song-a" })).toEqual({ status: "cleared", removed: true });
    expect(await clearPickFeedback(t.db, { recommendationId: id, songId: "song-a" })).toEqual({ status: "cleared", removed: false });
    expect((await findRecommendation(t.db, id))?.items[0]?.vote).toBeNull();
  });

  it("refuses a song outside the recommendation and an unknown recommendation, writing nothing", async () => {
    const { id } = await recommend(t);
    expect(await setPickFeedback(t.db, { recommendationId: id, songId: "song-c", vote: "like" })).toEqual({
      status: "song_not_in_recommendation",
    });
    expect(await setPickFeedback(t.db, { recommendationId: UNKNOWN_ID, songId: "song-a", vote: "like" })).toEqual({
      status: "recommendation_not_found",
    });
    expect(await clearPickFeedback(t.db, { recommendationId: id, songId: "song-c" })).toEqual({ status: "song_not_in_recommendation" });
    expect(await clearPickFeedback(t.db, { recommendationId: UNKNOWN_ID, songId: "song-a" })).toEqual({
      status: "recommendation_not_found",
    });
    expect(await t.db.pickFeedback.count({ where: { recommendationId: id } })).toBe(0);
    // the vote vocabulary is closed in the database too
    await expect(t.db.$executeRawUnsafe(`INSERT INTO "PickFeedback" VALUES ('${id}', 'song-a', 'meh', now(), now())`)).rejects.toThrow();
  });

  it("counts likes and dislikes per song, and per song and query cluster under one model", async () => {
    await t.db.pickFeedback.deleteMany({});
    const r1 = await recommend(t, { clusterIndex: 0 });
    const r2 = await recommend(t, { clusterIndex: 1 });
    const r3 = await recommend(t, { clusterIndex: 1 });
    const r4 = await recommend(t, { modelId: "model-k8", clusterIndex: 0 });
    await setPickFeedback(t.db, { recommendationId: r1.id, songId: "song-a", vote: "like" });
    await setPickFeedback(t.db, { recommendationId: r2.id, songId: "song-a", vote: "dislike" });
    await setPickFeedback(t.db, { recommendationId: r3.id, songId: "song-a", vote: "dislike" });
    await setPickFeedback(t.db, { recommendationId: r3.id, songId: "song-b", vote: "like" });
    await setPickFeedback(t.db, { recommendationId: r4.id, songId: "song-b", vote: "like" });

    expect(await listSongFeedback(t.db)).toEqual([
      { songId: "song-a", title: "title song-a", artists: ["artist"], clusterIndex: null, likes: 1, dislikes: 2 },
      { songId: "song-b", title: "title song-b", artists: ["artist"], clusterIndex: null, likes: 2, dislikes: 0 },
    ]);
    const perCluster = await listSongFeedback(t.db, { modelId: "model-k5" });
    expect(perCluster.map((r) => [r.songId, r.clusterIndex, r.likes, r.dislikes])).toEqual([
      ["song-a", 1, 0, 2],
      ["song-a", 0, 1, 0],
      ["song-b", 1, 1, 0],
    ]);
  });

  it("starts one experiment between gated models, refuses a second, stops it and keeps its history", async () => {
    const variants = [
      { name: "a", modelId: "model-k5", feedbackSignal: false, weight: 1 },
      { name: "b", modelId: "model-k8", feedbackSignal: true, weight: 1 },
    ];
    expect(await startExperiment(t.db, { name: "x", variants: [variants[0]!], minSilhouette: 0.2 })).toMatchObject({
      status: "invalid_variants",
    });
    expect(
      await startExperiment(t.db, { name: "x", variants: [variants[0]!, { ...variants[1]!, name: "a" }], minSilhouette: 0.2 }),
    ).toMatchObject({ status: "invalid_variants", message: "variant names must be distinct" });
    expect(
      await startExperiment(t.db, { name: "x", variants: [variants[0]!, { ...variants[1]!, modelId: "nope" }], minSilhouette: 0.2 }),
    ).toEqual({
      status: "model_not_found",
      modelId: "nope",
    });
    expect(
      await startExperiment(t.db, { name: "x", variants: [variants[0]!, { ...variants[1]!, modelId: "model-weak" }], minSilhouette: 0.2 }),
    ).toEqual({ status: "model_below_gate", modelId: "model-weak", silhouette: 0.12, minSilhouette: 0.2 });
    expect(await findRunningExperiment(t.db)).toBeNull();

    const started = await startExperiment(t.db, { name: "k5-vs-k8", variants, minSilhouette: 0.2 });
    expect(started).toMatchObject({ status: "started", experiment: { name: "k5-vs-k8", status: "running", variants, stoppedAt: null } });
    if (started.status !== "started") throw new Error("not started");
    const second = await startExperiment(t.db, { name: "other", variants, minSilhouette: 0.2 });
    expect(second).toMatchObject({ status: "already_running", running: { name: "k5-vs-k8" } });
    expect((await findRunningExperiment(t.db))?.id).toBe(started.experiment.id);

    const rec = await recommend(t, { modelId: "model-k8", experimentId: started.experiment.id, variant: "b" });
    await setPickFeedback(t.db, { recommendationId: rec.id, songId: "song-a", vote: "dislike" });
    expect(await findRecommendation(t.db, rec.id)).toMatchObject({
      experimentId: started.experiment.id,
      variant: "b",
      feedbackSignal: true,
    });

    expect(await stopExperiment(t.db, { name: "other" })).toEqual({ status: "none_running" });
    const stopped = await stopExperiment(t.db);
    expect(stopped).toMatchObject({ status: "stopped", experiment: { name: "k5-vs-k8", status: "stopped" } });
    expect(await stopExperiment(t.db)).toEqual({ status: "none_running" });
    expect(await findRunningExperiment(t.db)).toBeNull();
    // the history stays: the recommendation keeps its variant, the listing its counts
    expect(await findRecommendation(t.db, rec.id)).toMatchObject({ experimentId: started.experiment.id, variant: "b" });
    const [listed] = await listExperiments(t.db);
    expect(listed).toMatchObject({ name: "k5-vs-k8", status: "stopped" });
    expect(listed?.stoppedAt).toBeInstanceOf(Date);
    expect(listed?.stats).toEqual([
      { variant: "a", recommendations: 0, ratings: 0, meanStars: null, likes: 0, dislikes: 0 },
      { variant: "b", recommendations: 1, ratings: 0, meanStars: null, likes: 0, dislikes: 1 },
    ]);
    // a name is used once; a new experiment can start after the stop
    expect(await startExperiment(t.db, { name: "k5-vs-k8", variants, minSilhouette: 0.2 })).toEqual({ status: "name_taken" });
    expect(await startExperiment(t.db, { name: "round-2", variants, minSilhouette: 0.2 })).toMatchObject({ status: "started" });
    await stopExperiment(t.db);
  });

  it("lets only one of two racing starts win (the partial unique index)", async () => {
    const variants = [
      { name: "a", modelId: "model-k5", feedbackSignal: false, weight: 1 },
      { name: "b", modelId: "model-k5", feedbackSignal: true, weight: 1 },
    ];
    const results = await Promise.all([
      startExperiment(t.db, { name: "race-1", variants, minSilhouette: 0.2 }),
      startExperiment(t.db, { name: "race-2", variants, minSilhouette: 0.2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["already_running", "started"]);
    expect(await t.db.experiment.count({ where: { status: "running" } })).toBe(1);
    await stopExperiment(t.db);
  });
});
