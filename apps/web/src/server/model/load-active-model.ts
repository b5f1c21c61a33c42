// The active model, built once per version and kept in memory per database client: a request only asks
// the database which version is active (at most every ANISONG_MODEL_CHECK_MS), never re-reads songs.
// Building the version is build-loaded-model.ts's job.
import { findActiveModelVersion, type TDb } from "@anisong/db";
import { ModelUnavailableError } from "../http/errors";
import { webEnv } from "../env";
import { buildLoadedModel, type TLoadedModel } from "./build-loaded-model";

// Callers import the loaded model's helpers from here, next to loadActiveModel.
export { clusterOf, preparedForKinds, type TLoadedCluster, type TLoadedModel } from "./build-loaded-model";

type TCacheEntry = { checkedAt: number; loaded: TLoadedModel | null; pending: Promise<TLoadedModel> | null };

// On globalThis: instrumentation.ts warms this cache from its own module copy, and the routes must find it.
const CACHES = Symbol.for("anisong.web.active-model-caches");
const cachesHolder = globalThis as typeof globalThis & { [CACHES]?: WeakMap<TDb, TCacheEntry> };
const caches = (cachesHolder[CACHES] ??= new WeakMap<TDb, TCacheEntry>());

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
    const version = await findActiveModelVersion(db);
    if (!version) throw new ModelUnavailableError();
    if (cache.loaded?.version !== version) cache.loaded = await buildLoadedModel(db, { version });
    cache.checkedAt = Date.now();
    return cache.loaded;
  })();
  try {
    return await cache.pending;
  } finally {
    cache.pending = null;
  }
}
