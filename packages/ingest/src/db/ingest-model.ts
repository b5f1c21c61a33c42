// Writes a model, its clusters and its songs (with their cluster ids) in one interactive transaction.
// Idempotent by model version: the same version already active changes nothing. The model becomes
// active last, in the same transaction, so a failure anywhere leaves the previous model serving.
import { FEATURE_NAMES, parseModelArtifact, type TModelArtifact } from "@anisong/core-ml";
import type { TDb } from "@anisong/db";
import { z } from "zod";
import { IngestWriteError, InvalidIngestInputError } from "../errors";
import { ZCleanSong, type TCleanSong } from "../csv/song-row";

export type TIngestCluster = { index: number; label: string; size: number; centroid: number[] };
export type TIngestSong = TCleanSong & { cluster: number };
export type TIngestInput = { artifact: TModelArtifact; clusters: TIngestCluster[]; songs: TIngestSong[] };
export type TIngestResult = {
  modelId: string;
  status: "created" | "activated" | "unchanged";
  songsInserted: number;
  songsTotal: number;
  durationMs: number;
};
export type TIngestOptions = { chunkSize?: number; onProgress?: (done: number, total: number) => void };

const ZCluster = z.object({ index: z.number().int().min(0), label: z.string().min(1), size: z.number().int().min(0), centroid: z.array(z.number().finite()) });

function validate(input: TIngestInput): TIngestInput {
  let artifact: TModelArtifact;
  try {
    artifact = parseModelArtifact(input.artifact);
  } catch (error) {
    throw new InvalidIngestInputError((error as Error).message);
  }
  const clusters = z.array(ZCluster).safeParse(input.clusters);
  if (!clusters.success) throw new InvalidIngestInputError(`invalid clusters: ${clusters.error.issues[0]?.message}`);
  const indexes = clusters.data.map((c) => c.index).sort((a, b) => a - b);
  if (indexes.length !== artifact.k || indexes.some((v, i) => v !== i)) {
    throw new InvalidIngestInputError(`expected clusters 0..${artifact.k - 1}, got [${indexes.join(", ")}]`);
  }
  if (input.songs.length === 0) throw new InvalidIngestInputError("no songs to ingest");
  const seen = new Set<string>();
  input.songs.forEach((song, i) => {
    const parsed = ZCleanSong.safeParse(song);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidIngestInputError(`song #${i + 1} (${song.id}): ${issue?.path.join(".")} ${issue?.message}`);
    }
    if (!Number.isInteger(song.cluster) || song.cluster < 0 || song.cluster >= artifact.k) {
      throw new InvalidIngestInputError(`song ${song.id}: cluster ${song.cluster} is not in 0..${artifact.k - 1}`);
    }
    if (seen.has(song.id)) throw new InvalidIngestInputError(`song ${song.id} appears twice`);
    seen.add(song.id);
  });
  return { artifact, clusters: clusters.data, songs: input.songs };
}

// Bulk writes as one JSON parameter expanded by PostgreSQL (jsonb_to_recordset): about 10× faster than
// Prisma's createMany (which binds ~20 parameters per row) and exact for floats (see the Model insert below).
const SONG_COLUMNS = ["id", "title", "artists", "album", ...FEATURE_NAMES, "key", "mode", "durationMs", "popularity", "genres", "source"];
const SONG_TYPES: Record<string, string> = { id: "text", title: "text", artists: "jsonb", album: "text", key: "int", mode: "int", durationMs: "int", popularity: "int", genres: "jsonb", source: "text" };
const INSERT_SONGS = `
  INSERT INTO "Song" (${SONG_COLUMNS.map((c) => `"${c}"`).join(", ")}, "updatedAt")
  SELECT ${SONG_COLUMNS.map((c) => (c === "artists" || c === "genres" ? `ARRAY(SELECT jsonb_array_elements_text(x."${c}"))` : `x."${c}"`)).join(", ")}, now()
  FROM jsonb_to_recordset($1::jsonb) AS x(${SONG_COLUMNS.map((c) => `"${c}" ${SONG_TYPES[c] ?? "float8"}`).join(", ")})
  ON CONFLICT ("id") DO NOTHING`;
const INSERT_SONG_CLUSTERS = `
  INSERT INTO "SongCluster" ("modelId", "songId", "clusterIndex")
  SELECT $1, x.s, x.c FROM jsonb_to_recordset($2::jsonb) AS x(s text, c int)`;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function ingestModel(db: TDb, input: TIngestInput, options: TIngestOptions = {}): Promise<TIngestResult> {
  const started = performance.now();
  const { artifact, clusters, songs } = validate(input);
  const chunkSize = options.chunkSize ?? 2000;
  const modelId = artifact.version;
  const done = (status: TIngestResult["status"], songsInserted = 0): TIngestResult => ({
    modelId,
    status,
    songsInserted,
    songsTotal: songs.length,
    durationMs: performance.now() - started,
  });

  try {
    return await writeInTransaction();
  } catch (error) {
    throw new IngestWriteError(
      `writing model ${modelId} failed, nothing was changed (the transaction was rolled back): ${describeDbError(error)}`,
      { cause: error },
    );
  }

  function writeInTransaction(): Promise<TIngestResult> {
  return db.$transaction(
    async (tx) => {
      const existing = await tx.model.findUnique({ where: { id: modelId }, select: { isActive: true } });
      if (existing?.isActive) return done("unchanged");
      if (existing) {
        // Already written by an earlier run (everything commits together), just not the active one now.
        await tx.model.updateMany({ where: { isActive: true }, data: { isActive: false } });
        await tx.model.update({ where: { id: modelId }, data: { isActive: true, activatedAt: new Date() } });
        return done("activated");
      }

      let inserted = 0;
      let written = 0;
      for (const chunk of chunks(songs, chunkSize)) {
        const rows = chunk.map((s) => ({
          id: s.id, title: s.title, artists: s.artists, album: s.album, ...s.features,
          key: s.key, mode: s.mode, durationMs: s.durationMs, popularity: s.popularity, genres: s.genres, source: s.source,
        }));
        // a song already known (from an earlier model) keeps its row
        inserted += await tx.$executeRawUnsafe(INSERT_SONGS, JSON.stringify(rows));
        written += chunk.length;
        options.onProgress?.(written, songs.length * 2);
      }

      // Raw SQL with JSON text on purpose: Prisma's client rounds float parameters to 15 significant digits
      // (prisma/orm#11096, #22249), which would break the artifact's content hash and move the centroids.
      const json = (value: unknown) => JSON.stringify(value);
      await tx.$executeRaw`
        INSERT INTO "Model" ("id", "k", "features", "scaler", "centroids", "inertia", "silhouette", "trainingRows",
                             "trainingDataHash", "assignment", "artifact", "isActive")
        VALUES (${modelId}, ${artifact.k}, ARRAY(SELECT jsonb_array_elements_text(${json(artifact.featureNames)}::jsonb)),
                ${json(artifact.scaler)}::jsonb, ${json(artifact.centroids)}::jsonb, ${String(artifact.inertia)}::float8,
                ${String(artifact.silhouette)}::float8, ${artifact.trainingRows}, ${artifact.trainingDataHash},
                ${artifact.assignment}, ${json(artifact)}::jsonb, false)`;
      for (const c of clusters) {
        await tx.$executeRaw`
          INSERT INTO "Cluster" ("modelId", "index", "label", "size", "centroid")
          VALUES (${modelId}, ${c.index}, ${c.label}, ${c.size},
                  ARRAY(SELECT (jsonb_array_elements_text(${json(c.centroid)}::jsonb))::float8))`;
      }
      for (const chunk of chunks(songs, chunkSize * 4)) {
        await tx.$executeRawUnsafe(INSERT_SONG_CLUSTERS, modelId, JSON.stringify(chunk.map((s) => ({ s: s.id, c: s.cluster }))));
        written += chunk.length;
        options.onProgress?.(written, songs.length * 2);
      }

      await tx.model.updateMany({ where: { isActive: true }, data: { isActive: false } });
      await tx.model.update({ where: { id: modelId }, data: { isActive: true, activatedAt: new Date() } });
      return done("created", inserted);
    },
    { maxWait: 60_000, timeout: 600_000 },
  );
  }
}

/** Prisma's message for a failed raw query is several lines; keep the database's own words when there are any. */
function describeDbError(error: unknown): string {
  const e = error as { message?: string; meta?: { message?: string } };
  const text = e.meta?.message ?? e.message ?? String(error);
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? "unknown database error";
}
