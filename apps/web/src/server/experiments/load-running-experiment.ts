// The running experiment, asked of the database at most every ANISONG_FEEDBACK_CACHE_MS per client, so a
// recommendation costs no extra query; `pipeline experiment start/stop` reaches the app within that time.
import { findRunningExperiment, type TDb, type TExperiment } from "@anisong/db";
import { webEnv } from "../env";
import { processWide } from "../process-wide";

type TEntry = { experiment: TExperiment | null; checkedAt: number; pending: Promise<TExperiment | null> | null };
/** One per process (process-wide.ts), for the API's and the pages' copies of this module alike. */
const caches = processWide("running-experiment-caches", () => new WeakMap<TDb, TEntry>());

export async function loadRunningExperiment(db: TDb, now = Date.now()): Promise<TExperiment | null> {
  let entry = caches.get(db);
  if (!entry) caches.set(db, (entry = { experiment: null, checkedAt: -Infinity, pending: null }));
  if (now - entry.checkedAt < webEnv().ANISONG_FEEDBACK_CACHE_MS) return entry.experiment;
  if (entry.pending) return entry.pending;
  const cache = entry;
  cache.pending = (async () => {
    cache.experiment = await findRunningExperiment(db);
    cache.checkedAt = Date.now();
    return cache.experiment;
  })();
  try {
    return await cache.pending;
  } finally {
    cache.pending = null;
  }
}
