// Library songs (the anime songs recommendations come from) of one model (optionally one cluster), shaped as core-ml's TLibrarySong plus display fields.
import { FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";

export type TClusterSong = {
  trackId: string;
  cluster: number;
  features: TAudioFeatures;
  title: string;
  artists: string[];
  album: string | null;
  durationMs: number | null;
  popularity: number | null;
  genres: string[];
  source: string;
  /** the library's fields: "original" | "soundtrack" | "cover", version flag, anime, merged ids */
  kind: string;
  isVersion: boolean;
  animeTitle: string | null;
  alternateIds: string[];
};

export async function listClusterSongs(db: TDb, input: { modelId: string; clusterIndex?: number }): Promise<TClusterSong[]> {
  const { modelId, clusterIndex } = input;
  const rows = await db.songCluster.findMany({
    where: { modelId, ...(clusterIndex === undefined ? {} : { clusterIndex }) },
    include: { song: true },
    orderBy: [{ clusterIndex: "asc" }, { songId: "asc" }],
  });
  return rows.map(({ clusterIndex, song }) => {
    const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, song[name]])) as TAudioFeatures;
    return {
      trackId: song.id,
      cluster: clusterIndex,
      features,
      title: song.title,
      artists: song.artists,
      album: song.album,
      durationMs: song.durationMs,
      popularity: song.popularity,
      genres: song.genres,
      source: song.source,
      kind: song.kind,
      isVersion: song.isVersion,
      animeTitle: song.animeTitle,
      alternateIds: song.alternateIds,
    };
  });
}
