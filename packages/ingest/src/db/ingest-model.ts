// Validates a model, its clusters and its songs, then writes them with @anisong/db's storeModel: one
// transaction, idempotent by model version, the model activated last (so a failure leaves the previous
// model serving). The SQL lives in packages/db; this is the boundary that checks the input.
import { parseModelArtifact, type TModelArtifact } from "@anisong/core-ml";
import { storeModel, type TDb, type TSongLibraryFields } from "@anisong/db";
import { z } from "zod";
import { IngestWriteError, InvalidIngestInputError } from "../errors";
import { ZCleanSong, type TCleanSong } from "../csv/song-row";

export type TIngestCluster = { index: number; label: string; size: number; centroid: number[] };
export type TIngestSong = TCleanSong & { cluster: number; library?: TSongLibraryFields };
/** `libraryVersion`: the content hash of the library the songs come from (absent: the seed's songs only). */
export type TIngestInput = { artifact: TModelArtifact; clusters: TIngestCluster[]; songs: TIngestSong[]; libraryVersion?: string | null };
export type TIngestResult = {
  modelId: string;
  status: "created" | "activated" | "unchanged" | "library-updated";
  songsInserted: number;
  songsTotal: number;
  durationMs: number;
};
export type TIngestOptions = { chunkSize?: number; onProgress?: (done: number, total: number) => void };

const ZCluster = z.object({
  index: z.number().int().min(0),
  label: z.string().min(1),
  size: z.number().int().min(0),
  centroid: z.array(z.number().finite()),
});

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
  return { artifact, clusters: clusters.data, songs: input.songs, libraryVersion: input.libraryVersion };
}

export async function ingestModel(db: TDb, input: TIngestInput, options: TIngestOptions = {}): Promise<TIngestResult> {
  const started = performance.now();
  const { artifact, clusters, songs, libraryVersion } = validate(input);
  const modelId = artifact.version;
  try {
    const { status, songsInserted } = await storeModel(db, { artifact, clusters, songs, libraryVersion, ...options });
    return { modelId, status, songsInserted, songsTotal: songs.length, durationMs: performance.now() - started };
  } catch (error) {
    throw new IngestWriteError(
      `writing model ${modelId} failed, nothing was changed (the transaction was rolled back): ${describeDbError(error)}`,
      { cause: error },
    );
  }
}

/** Prisma's message for a failed raw query is several lines; keep the database's own words when there are any. */
function describeDbError(error: unknown): string {
  const e = error as { message?: string; meta?: { message?: string } };
  const text = e.meta?.message ?? e.message ?? String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? "unknown database error";
}
