// The active model and its catalog, loaded once per model version and kept in memory: a request only
// asks the database which version is active (at most every ANISONG_MODEL_CHECK_MS), never re-reads songs.
import {
  featuresToVector,
  prepareCatalog,
  scaleWithModel,
  type TAudioFeatures,
  type TModelArtifact,
  type TPreparedCatalog,
} from "@anisong/core-ml";
import { findActiveModel, listClusterSongs, type TClusterSong, type TDb } from "@anisong/db";
import type { TClusterMap } from "../../lib/api-types";
import { ModelUnavailableError } from "../http/errors";
import { webEnv } from "../env";
import { fitProjection, type TProjection } from "./project-pca";

export type TLoadedCluster = { index: number; label: string; size: number };

export type TLoadedModel = {
  version: string;
  model: TModelArtifact;
  clusters: Map<number, TLoadedCluster>;
  songs: TClusterSong[];
  songsById: Map<string, TClusterSong>;
  prepared: TPreparedCatalog;
  projection: TProjection;
  /** The catalog map without a query point. */
  map: Omit<TClusterMap, "query">;
  loadedAt: Date;
  /** Sorted views of `songs`, built on first use per sort key. */
  sorted: Map<string, TClusterSong[]>;
};

type TCacheEntry = { checkedAt: number; loaded: TLoadedModel | null; pending: Promise<TLoadedModel> | null };

const caches = new WeakMap<TDb, TCacheEntry>();

export async function loadActiveModel(db: TDb, now = Date.now()): Promise<TLoadedModel> {
  let entry = caches.get(db);
  if (!entry) {
    entry = { checkedAt: 0, loaded: null, pending: null };
    caches.set(db, entry);
  }
  if (entry.loaded && now - entry.checkedAt < webEnv().ANISONG_MODEL_CHECK_MS) return entry.loaded;
  if (entry.pending) return entry.pending;

  const cache = entry;
  cache.pending = (async () => {
    const active = await db.model.findFirst({ where: { isActive: true }, orderBy: { activatedAt: "desc" }, select: { id: true } });
    if (!active) throw new ModelUnavailableError();
    if (cache.loaded?.version !== active.id) cache.loaded = await buildLoadedModel(db);
    cache.checkedAt = Date.now();
    return cache.loaded;
  })();
  try {
    return await cache.pending;
  } finally {
    cache.pending = null;
  }
}

async function buildLoadedModel(db: TDb): Promise<TLoadedModel> {
  const active = await findActiveModel(db);
  if (!active) throw new ModelUnavailableError();
  const { model } = active;
  const songs = await listClusterSongs(db, model.version);
  if (songs.length === 0) throw new ModelUnavailableError();

  const scaled = songs.map((song) => scaleFeatures(model, song.features));
  const projection = fitProjection(scaled);
  const clusters = new Map(active.clusters.map((c) => [c.index, { index: c.index, label: c.label, size: c.size }]));
  const points = songs.map((song, i) => ({ ...projection.project(scaled[i]!), cluster: song.cluster, title: song.title }));

  return {
    version: model.version,
    model,
    clusters,
    songs,
    songsById: new Map(songs.map((s) => [s.trackId, s])),
    prepared: prepareCatalog(model, songs),
    projection,
    map: {
      modelVersion: model.version,
      explained: projection.explained,
      points: points.map((p) => ({ x: round(p.x), y: round(p.y), cluster: p.cluster, title: p.title })),
      clusters: active.clusters.map((c) => {
        const centre = projection.project(c.centroid);
        return { index: c.index, label: c.label, size: c.size, x: round(centre.x), y: round(centre.y) };
      }),
    },
    loadedAt: new Date(),
    sorted: new Map(),
  };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export function clusterOf(loaded: TLoadedModel, index: number): TLoadedCluster {
  return loaded.clusters.get(index) ?? { index, label: `cluster ${index}`, size: 0 };
}

/** Raw features → the model's scaled space, in the model's feature order. */
export function scaleFeatures(model: TModelArtifact, features: TAudioFeatures): Float64Array {
  return scaleWithModel(model, featuresToVector(features, model.featureNames));
}
