// One model version made ready to serve: its artifact, clusters and songs read once, the library prepared
// for ranking, the songs projected for the map. Pure work after the two reads; no caching here.
import {
  fitProjection,
  prepareLibrary,
  scaleFeatures,
  type TModelArtifact,
  type TPreparedLibrary,
  type TProjection,
} from "@anisong/core-ml";
import { findModel, listClusterSongs, type TClusterSong, type TDb } from "@anisong/db";
import { rankingKeysOf, type TRankingKeys } from "@anisong/library";
import type { TClusterMap } from "../../lib/api-types";
import { ModelUnavailableError } from "../http/errors";

export type TLoadedCluster = { index: number; label: string; size: number };

export type TLoadedModel = {
  version: string;
  model: TModelArtifact;
  clusters: Map<number, TLoadedCluster>;
  songs: TClusterSong[];
  songsById: Map<string, TClusterSong>;
  /** One entry per song (the most popular of each songKey), for lists the listener browses. */
  distinctSongs: TClusterSong[];
  /** trackId → songKey (versions and recordings of one song share it) and lead artist: one entry per song. */
  keysById: Map<string, TRankingKeys>;
  prepared: TPreparedLibrary;
  projection: TProjection;
  /** The library map without a query point. */
  map: Omit<TClusterMap, "query">;
  loadedAt: Date;
  /** Sorted views of `songs`, built on first use per sort key. */
  sorted: Map<string, TClusterSong[]>;
  /** The library prepared for ranking per set of song kinds ("original,soundtrack"), built on first use. */
  preparedByKinds: Map<string, TPreparedLibrary>;
};

/** Loads the given version (the cache has just asked which one is active), not "the active one" again. */
export async function buildLoadedModel(db: TDb, input: { version: string }): Promise<TLoadedModel> {
  const stored = await findModel(db, { modelId: input.version });
  if (!stored) throw new ModelUnavailableError();
  const { model } = stored;
  const songs = await listClusterSongs(db, { modelId: model.version });
  if (songs.length === 0) throw new ModelUnavailableError();

  const keys = rankingKeysOf(songs);
  const scaled = songs.map((song) => scaleFeatures(model, song.features));
  const projection = fitProjection(scaled);
  const clusters = new Map(stored.clusters.map((c) => [c.index, { index: c.index, label: c.label, size: c.size }]));
  const points = songs.map((song, i) => ({ ...projection.project(scaled[i]!), cluster: song.cluster, title: song.title }));

  return {
    version: model.version,
    model,
    clusters,
    songs,
    songsById: new Map(songs.map((s) => [s.trackId, s])),
    distinctSongs: representatives(songs, keys),
    keysById: new Map(songs.map((s, i) => [s.trackId, keys[i]!])),
    prepared: prepareLibrary(
      model,
      songs.map((s, i) => ({ trackId: s.trackId, features: s.features, cluster: s.cluster, ...keys[i]! })),
    ),
    projection,
    map: {
      modelVersion: model.version,
      explained: projection.explained,
      points: points.map((p) => ({ x: round(p.x), y: round(p.y), cluster: p.cluster, title: p.title })),
      clusters: stored.clusters.map((c) => {
        const centre = projection.project(c.centroid);
        return { index: c.index, label: c.label, size: c.size, x: round(centre.x), y: round(centre.y) };
      }),
    },
    loadedAt: new Date(),
    sorted: new Map(),
    preparedByKinds: new Map(),
  };
}

function representatives(songs: TClusterSong[], keys: TRankingKeys[]): TClusterSong[] {
  const best = new Map<string, number>();
  songs.forEach((song, i) => {
    const key = keys[i]!.songKey;
    const held = best.get(key);
    if (held === undefined || (song.popularity ?? -1) > (songs[held]!.popularity ?? -1)) best.set(key, i);
  });
  return [...best.values()].sort((a, b) => a - b).map((i) => songs[i]!);
}

/** The library of only these kinds, prepared for ranking once per kinds set. */
export function preparedForKinds(loaded: TLoadedModel, kinds: readonly string[]): TPreparedLibrary {
  const key = [...kinds].sort().join(",");
  let prepared = loaded.preparedByKinds.get(key);
  if (!prepared) {
    const wanted = new Set(kinds);
    const songs = loaded.songs.filter((s) => wanted.has(s.kind));
    prepared = prepareLibrary(
      loaded.model,
      songs.map((s) => ({ trackId: s.trackId, features: s.features, cluster: s.cluster, ...loaded.keysById.get(s.trackId)! })),
    );
    loaded.preparedByKinds.set(key, prepared);
  }
  return prepared;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export function clusterOf(loaded: TLoadedModel, index: number): TLoadedCluster {
  return loaded.clusters.get(index) ?? { index, label: `cluster ${index}`, size: 0 };
}
