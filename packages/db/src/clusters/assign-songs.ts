// Each song's cluster under one model (SongCluster rows), as one jsonb parameter per call. A song already placed
// under the model keeps its cluster (a library added to a stored model only adds rows).
import type { TDbOrTx } from "../db-transaction";

const INSERT_SONG_CLUSTERS = `
  INSERT INTO "SongCluster" ("modelId", "songId", "clusterIndex")
  SELECT $1, x.s, x.c FROM jsonb_to_recordset($2::jsonb) AS x(s text, c int)
  ON CONFLICT ("modelId", "songId") DO NOTHING`;

export async function assignSongs(db: TDbOrTx, input: { modelId: string; songs: { id: string; cluster: number }[] }): Promise<void> {
  await db.$executeRawUnsafe(INSERT_SONG_CLUSTERS, input.modelId, JSON.stringify(input.songs.map((s) => ({ s: s.id, c: s.cluster }))));
}
