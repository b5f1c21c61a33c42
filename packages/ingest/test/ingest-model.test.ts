import fs from "node:fs";
import path from "node:path";
import { createModelArtifact, FEATURE_NAMES } from "@anisong/core-ml";
import { createTestDatabase, findActiveModel, type TDb, type TTestDatabase } from "@anisong/db";
import {
  ingestModel,
  IngestWriteError,
  InvalidIngestInputError,
  readCsvBytes,
  validateSongTable,
  type TIngestInput,
  type TIngestSong,
} from "../src";

const table = readCsvBytes(fs.readFileSync(path.join(__dirname, "fixtures/seed-small.csv")), "seed-small.csv");
const songs = validateSongTable(table, {
  file: "seed-small.csv",
  source: "seed",
  columns: { id: "id", title: "name", ...Object.fromEntries(FEATURE_NAMES.map((f) => [f, f])) },
}).songs;

function inputFor(k: number, tag: string, subset = songs): TIngestInput {
  const artifact = createModelArtifact({
    featureNames: [...FEATURE_NAMES],
    scaler: { mean: FEATURE_NAMES.map(() => 0), scale: FEATURE_NAMES.map(() => 1) },
    k,
    // 17 significant digits: Prisma's client would round these (see ingest-model.ts)
    centroids: Array.from({ length: k }, (_, i) =>
      FEATURE_NAMES.map((_, j) => (i === j ? 1.0414168903221954 : -0.30528040758154995 * (j + 1))),
    ),
    assignment: "cosine",
    inertia: 1494.6012345678912,
    silhouette: 0.30528040758154995,
    trainingRows: subset.length,
    trainingDataHash: tag,
  });
  const withClusters: TIngestSong[] = subset.map((s, i) => ({ ...s, cluster: i % k }));
  return {
    artifact,
    songs: withClusters,
    clusters: artifact.centroids.map((centroid, index) => ({
      index,
      centroid,
      label: `cluster ${index}`,
      size: withClusters.filter((s) => s.cluster === index).length,
    })),
  };
}

async function snapshot(db: TDb) {
  const [models, clusters, songRows, songClusters] = await Promise.all([
    db.model.findMany({ orderBy: { id: "asc" }, select: { id: true, isActive: true, activatedAt: true } }),
    db.cluster.count(),
    db.song.findMany({ orderBy: { id: "asc" }, select: { id: true, updatedAt: true } }),
    db.songCluster.count(),
  ]);
  return { models, clusters, songRows, songClusters };
}

describe.each(["pglite", "postgres"] as const)("ingestModel on %s", (kind) => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  const first = inputFor(2, "first");
  const second = inputFor(3, "second");

  it("writes model, clusters and songs with their cluster ids, and activates the model", async () => {
    const progress: number[] = [];
    const result = await ingestModel(t.db, first, { chunkSize: 4, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ modelId: first.artifact.version, status: "created", songsInserted: 6, songsTotal: 6 });
    expect(progress.at(-1)).toBe(12);
    const model = await t.db.model.findUniqueOrThrow({ where: { id: first.artifact.version }, include: { clusters: true } });
    expect(model.isActive).toBe(true);
    expect(model.clusters.map((c) => c.size).sort()).toEqual([3, 3]);
    const links = await t.db.songCluster.findMany({ where: { modelId: model.id }, orderBy: { songId: "asc" } });
    expect(links).toHaveLength(6);
    const song = await t.db.song.findUniqueOrThrow({ where: { id: "06XQvnJb53SUYmlWIhUXUi" } });
    expect(song).toMatchObject({ title: "怪物", source: "seed", danceability: 0.627, tempo: 169.935 });
    // floats survive exactly: the stored artifact still matches its content hash, centroids are bit-identical
    const active = await findActiveModel(t.db);
    expect(active?.model).toEqual(first.artifact);
    expect(active?.clusters.map((c) => c.centroid)).toEqual(first.artifact.centroids);
    expect(model.inertia).toBe(1494.6012345678912);
  });

  it("changes nothing when the same model is ingested again", async () => {
    const before = await snapshot(t.db);
    const again = await ingestModel(t.db, first);
    expect(again.status).toBe("unchanged");
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("switches the active model only after a complete write, and leaves the database unchanged when the write fails", async () => {
    // A real failure late in the transaction: the database refuses song-cluster rows of the new model.
    await t.db.$executeRawUnsafe(
      `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$ LANGUAGE plpgsql`,
    );
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_links BEFORE INSERT ON "SongCluster" FOR EACH STATEMENT EXECUTE FUNCTION refuse()`);
    const extra = { ...songs[0]!, id: "0000000000000000000001", title: "New song", cluster: 0 };
    const bigger = inputFor(3, "second", songs);
    bigger.songs.push(extra);
    const before = await snapshot(t.db);
    const failure = ingestModel(t.db, bigger);
    await expect(failure).rejects.toThrow(IngestWriteError);
    await expect(failure).rejects.toThrow(/^writing model [0-9a-f]{16} failed, nothing was changed \(the transaction was rolled back\)/);
    // PostgreSQL's own words come through; pglite-prisma-adapter drops the message of a failed raw query
    if (kind === "postgres") await expect(failure).rejects.toThrow(/disk full \(simulated\)/);
    expect(await snapshot(t.db)).toEqual(before);
    expect((await t.db.model.findFirst({ where: { isActive: true } }))?.id).toBe(first.artifact.version);

    await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_links ON "SongCluster"`);
    const result = await ingestModel(t.db, second);
    expect(result.status).toBe("created");
    expect(result.songsInserted).toBe(0); // songs were already there
    const active = await t.db.model.findMany({ where: { isActive: true } });
    expect(active.map((m) => m.id)).toEqual([second.artifact.version]);
    expect(await t.db.songCluster.count({ where: { modelId: second.artifact.version } })).toBe(6);
  });

  it("re-activates an earlier model that is already stored", async () => {
    const result = await ingestModel(t.db, first);
    expect(result.status).toBe("activated");
    const active = await t.db.model.findMany({ where: { isActive: true } });
    expect(active.map((m) => m.id)).toEqual([first.artifact.version]);
  });

  it("refuses invalid input before touching the database", async () => {
    const before = await snapshot(t.db);
    const outOfRange = inputFor(2, "bad-cluster");
    outOfRange.songs[0] = { ...outOfRange.songs[0]!, cluster: 7 };
    await expect(ingestModel(t.db, outOfRange)).rejects.toThrow(
      new InvalidIngestInputError("song 06XQvnJb53SUYmlWIhUXUi: cluster 7 is not in 0..1"),
    );
    const dup = inputFor(2, "dup");
    dup.songs.push(dup.songs[0]!);
    await expect(ingestModel(t.db, dup)).rejects.toThrow(/appears twice/);
    const nan = inputFor(2, "nan");
    nan.songs[1] = { ...nan.songs[1]!, features: { ...nan.songs[1]!.features, energy: Number.NaN } };
    await expect(ingestModel(t.db, nan)).rejects.toThrow(InvalidIngestInputError);
    const tampered = inputFor(2, "tampered");
    tampered.artifact = { ...tampered.artifact, k: 2, inertia: 99 };
    await expect(ingestModel(t.db, tampered)).rejects.toThrow(/does not match its version/);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
