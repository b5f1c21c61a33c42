// The recommend CLI's core: resolve a song to its audio features, place it with the active model, and rank
// the anime songs of its cluster by cosine similarity (the seed's rule), all read from the database.
import { recommend } from "@anisong/core-ml";
import { findActiveModel, listClusterSongs, type TClusterSong, type TDb } from "@anisong/db";
import { rankingKeysOf, songKeyOf } from "@anisong/library";
import type { TResolvedSong, TSongQuery, TSongResolver } from "@anisong/providers";
import { PipelineError } from "../errors";

export type TSongRecommendation = {
  song: TResolvedSong;
  modelVersion: string;
  cluster: { index: number; label: string; size: number };
  items: (Pick<TClusterSong, "trackId" | "title" | "artists" | "album"> & { similarity: number })[];
};

export type TRecommendSongOptions = {
  db: TDb;
  resolver: TSongResolver;
  query: TSongQuery;
  /** How many songs to return. */
  topN: number;
  /** At most this many songs per lead artist (core-ml's default 2 when absent). */
  maxPerArtist?: number;
};

export async function recommendSong({ db, resolver, query, topN, maxPerArtist }: TRecommendSongOptions): Promise<TSongRecommendation> {
  const active = await findActiveModel(db);
  if (!active) throw new PipelineError("no active model in the database: run `pnpm run pipeline all` first");
  const song = await resolver.resolve(query);
  const library = await listClusterSongs(db, { modelId: active.model.version });
  // One entry per song: versions and recordings share a songKey (the web's loaded model keys the same way).
  const keys = rankingKeysOf(library);
  const keyed = library.map((s, i) => ({ trackId: s.trackId, features: s.features, cluster: s.cluster, ...keys[i]! }));
  const own = library.findIndex((s) => s.trackId === song.track.id);
  const songKey = own >= 0 ? keys[own]!.songKey : songKeyOf({ id: song.track.id, title: song.track.title, artists: song.track.artists });
  const result = recommend(active.model, { trackId: song.track.id, features: song.features, songKey }, keyed, { topN, maxPerArtist });
  const cluster = active.clusters.find((c) => c.index === result.cluster);
  return {
    song,
    modelVersion: active.model.version,
    cluster: { index: result.cluster, label: cluster?.label ?? `cluster ${result.cluster}`, size: cluster?.size ?? 0 },
    items: result.items.map((item) => {
      const s = library[item.index]!;
      return { trackId: s.trackId, title: s.title, artists: s.artists, album: s.album, similarity: item.similarity };
    }),
  };
}
