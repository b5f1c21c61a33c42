// Each song's cluster under one model (SongCluster rows), as one jsonb parameter per call.
import type { TDbOrTx } from "../db-transaction";

const INSERT_SONG_CLUSTERS = `
  INSERT INTO "SongCluster" ("modelId", "songId", "clusterIndex")
  SELECT $1, x.s, x.c FROM jsonb_to_recordset($2::jsonb) AS x(s text, c int)`;

export async function assignSongs(db: TDbOrTx, input: { modelId: string; songs: { id: string; cluster: number }[] }): Promise<void> {
  await db.$executeRawUnsafe(INSERT_SONG_CLUSTERS, input.modelId, JSON.stringify(input.songs.map((s) => ({ s: s.id, c: s.cluster }))));
}
