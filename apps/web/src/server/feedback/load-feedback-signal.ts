// Listeners' votes as core-ml's feedback signal, loaded per database client and reused for
// ANISONG_FEEDBACK_CACHE_MS (default 30 s): a vote reaches the ranking within that time, and a
// recommendation costs no extra query in between. Votes are counted per song over every recommendation
// (the signal needs minVotes per song before it moves anything, so pooling across clusters and models
// reaches that sooner; per song and cluster counts are in listSongFeedback for later).
import { computeFeedbackSignal, type TFeedbackSignal } from "@anisong/core-ml";
import { listSongFeedback, type TDb, type TSongFeedbackRow } from "@anisong/db";
import { webEnv } from "../env";
import { processWide } from "../process-wide";

export type TLoadedFeedback = { rows: TSongFeedbackRow[]; signal: TFeedbackSignal; loadedAt: number };

type TEntry = { loaded: TLoadedFeedback | null; pending: Promise<TLoadedFeedback> | null };
/** One per process (process-wide.ts), for the API's and the pages' copies of this module alike. */
const caches = processWide("feedback-signal-caches", () => new WeakMap<TDb, TEntry>());

export async function loadFeedbackSignal(db: TDb, now = Date.now()): Promise<TLoadedFeedback> {
  let entry = caches.get(db);
  if (!entry) caches.set(db, (entry = { loaded: null, pending: null }));
  if (entry.loaded && now - entry.loaded.loadedAt < webEnv().ANISONG_FEEDBACK_CACHE_MS) return entry.loaded;
  if (entry.pending) return entry.pending;
  const cache = entry;
  cache.pending = (async () => {
    const rows = await listSongFeedback(db);
    const signal = computeFeedbackSignal(rows.map((r) => ({ trackId: r.songId, likes: r.likes, dislikes: r.dislikes })));
    return (cache.loaded = { rows, signal, loadedAt: Date.now() });
  })();
  try {
    return await cache.pending;
  } finally {
    cache.pending = null;
  }
}

/** Whether the signal applies to a new recommendation: the experiment variant decides when there is one. */
export function feedbackSignalOn(variant: { feedbackSignal: boolean } | null): boolean {
  return variant ? variant.feedbackSignal : webEnv().ANISONG_FEEDBACK_SIGNAL === "on";
}
