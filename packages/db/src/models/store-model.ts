// Writes a model, its clusters and its songs (with their cluster ids) in one interactive transaction.
// Idempotent by model version: the same version already active changes nothing. The model becomes
// active last, in the same transaction, so a failure anywhere leaves the previous model serving.
// Input is trusted here (ingest validates it); this is only the SQL.
import type { TModelArtifact } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";
import type { TDbOrTx } from "../db-transaction";
import { assignSongs } from "../clusters/assign-songs";
import { insertClusters, type TNewCluster } from "../clusters/insert-clusters";
import { insertSongs, type TNewSong } from "../songs/insert-songs";
import { activateModel } from "./activate-model";
import { insertModel } from "./insert-model";

export type TStoreModelInput = {
  artifact: TModelArtifact;
  clusters: TNewCluster[];
  songs: (TNewSong & { cluster: number })[];
  /** Content hash of the library these songs come from (null/absent: the seed's songs only). A stored model whose
   * library differs gets the new songs and clusters added, its cluster sizes recounted, and stays (or becomes) active. */
  libraryVersion?: string | null;
  /** Songs per insert statement (default 2000); cluster assignments go four chunks at a time. */
  chunkSize?: number;
  /** Rows written so far out of songs × 2 (songs, then their cluster assignments). */
  onProgress?: (done: number, total: number) => void;
};
export type TStoreModelResult = { status: "created" | "activated" | "unchanged" | "library-updated"; songsInserted: number };

export function storeModel(db: TDb, input: TStoreModelInput): Promise<TStoreModelResult> {
  const { artifact, clusters, songs, onProgress } = input;
  const chunkSize = input.chunkSize ?? 2000;
  const modelId = artifact.version;
  const total = songs.length * 2;
  return db.$transaction(
    async (tx): Promise<TStoreModelResult> => {
      const libraryVersion = input.libraryVersion ?? null;
      const existing = await tx.model.findUnique({ where: { id: modelId }, select: { isActive: true, libraryVersion: true } });
      const sameLibrary = existing?.libraryVersion === libraryVersion || libraryVersion === null;
      if (existing?.isActive && sameLibrary) return { status: "unchanged", songsInserted: 0 };
      if (existing && sameLibrary) {
        // Already written by an earlier run (everything commits together), just not the active one now.
        await activateModel(tx, { modelId });
        return { status: "activated", songsInserted: 0 };
      }

      let inserted = 0;
      let written = 0;
      for (const chunk of chunks(songs, chunkSize)) {
        inserted += await insertSongs(tx, { songs: chunk });
        written += chunk.length;
        onProgress?.(written, total);
      }
      if (!existing) {
        await insertModel(tx, { artifact });
        await insertClusters(tx, { modelId, clusters });
      }
      for (const chunk of chunks(songs, chunkSize * 4)) {
        await assignSongs(tx, { modelId, songs: chunk });
        written += chunk.length;
        onProgress?.(written, total);
      }
      if (existing) {
        // A song the new library merged into another entry (now one of its alternateIds) leaves the model's list.
        await tx.$executeRawUnsafe(
          `DELETE FROM "SongCluster" WHERE "modelId" = $1 AND NOT ("songId" = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb))))`,
          modelId,
          JSON.stringify(songs.map((s) => s.id)),
        );
        await recountClusters(tx, { modelId, clusters });
      }
      await tx.model.update({ where: { id: modelId }, data: { libraryVersion } });
      await activateModel(tx, { modelId });
      return { status: existing ? "library-updated" : "created", songsInserted: inserted };
    },
    { maxWait: 60_000, timeout: 600_000 },
  );
}

/** The stored sizes of a model whose songs just grew: the caller's counts (they include every song of the library). */
async function recountClusters(tx: TDbOrTx, input: { modelId: string; clusters: TNewCluster[] }): Promise<void> {
  for (const c of input.clusters)
    await tx.cluster.update({ where: { modelId_index: { modelId: input.modelId, index: c.index } }, data: { size: c.size } });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
