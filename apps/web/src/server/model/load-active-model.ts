// Model versions, each built once and kept in memory per database client: a request only asks the database
// which version is active (at most every ANISONG_MODEL_CHECK_MS), never re-reads songs. Several versions are
// served at once (an experiment's variants, next to the active model); the least recently used beyond
// MAX_LOADED_VERSIONS is dropped. Building a version is build-loaded-model.ts's job.
import { findActiveModelVersion, type TDb } from "@anisong/db";
import { ModelUnavailableError } from "../http/errors";
import { webEnv } from "../env";
import { processWide } from "../process-wide";
import { buildLoadedModel, type TLoadedModel } from "./build-loaded-model";

// Callers import the loaded model's helpers from here, next to loadActiveModel.
export { clusterOf, preparedForKinds, type TLoadedCluster, type TLoadedModel } from "./build-loaded-model";

/** The active model plus an experiment's variants, with room for one more. */
export const MAX_LOADED_VERSIONS = 4;

type TCacheEntry = {
  checkedAt: number;
  active: TLoadedModel | null;
  pending: Promise<TLoadedModel> | null;
  /** version → its build (insertion order = least recently used first) */
  versions: Map<string, Promise<TLoadedModel>>;
};

// One per process (process-wide.ts): instrumentation.ts warms it, and the API and the pages use it.
const caches = processWide("active-model-caches", () => new WeakMap<TDb, TCacheEntry>());

function cacheOf(db: TDb): TCacheEntry {
  let entry = caches.get(db);
  if (!entry) caches.set(db, (entry = { checkedAt: 0, active: null, pending: null, versions: new Map() }));
  return entry;
}

export async function loadActiveModel(db: TDb, now = Date.now()): Promise<TLoadedModel> {
  const cache = cacheOf(db);
  if (cache.active && now - cache.checkedAt < webEnv().ANISONG_MODEL_CHECK_MS) return cache.active;
  if (cache.pending) return cache.pending;
  cache.pending = (async () => {
    const version = await findActiveModelVersion(db);
    if (!version) throw new ModelUnavailableError();
    cache.active = await loadModelVersion(db, version);
    cache.checkedAt = Date.now();
    return cache.active;
  })();
  try {
    return await cache.pending;
  } finally {
    cache.pending = null;
  }
}

/** One model version, active or not (an experiment's variant), built on first use. */
export async function loadModelVersion(db: TDb, version: string): Promise<TLoadedModel> {
  const { versions } = cacheOf(db);
  let build = versions.get(version);
  if (build) {
    versions.delete(version); // re-insert: most recently used
  } else {
    build = buildLoadedModel(db, { version });
    build.catch(() => versions.get(version) === build && versions.delete(version));
  }
  versions.set(version, build);
  while (versions.size > MAX_LOADED_VERSIONS) versions.delete(versions.keys().next().value!);
  return build;
}
