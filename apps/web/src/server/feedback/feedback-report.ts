// What the feedback signal does, per song: its votes, like rate, smoothed rate and the adjustment it
// adds to the cosine similarity — for Insights. Read fresh (not the ranking's cache), largest effect first.
import { computeFeedbackSignal, DEFAULT_FEEDBACK_SIGNAL, type TSongSignal } from "@anisong/core-ml";
import { listSongFeedback, type TDb } from "@anisong/db";
import { webEnv } from "../env";

/** A song's signal (votes, rates, adjustment) with what Insights shows of the song. */
export type TFeedbackReportSong = TSongSignal & { title: string; artists: string[] };

export type TFeedbackReport = {
  /** ANISONG_FEEDBACK_SIGNAL (an experiment variant may still turn it on or off for its visitors) */
  enabled: boolean;
  priorRate: number;
  priorStrength: number;
  minVotes: number;
  maxAdjustment: number;
  songs: TFeedbackReportSong[];
};

export async function getFeedbackReport(db: TDb, input: { limit?: number } = {}): Promise<TFeedbackReport> {
  const rows = await listSongFeedback(db);
  const signal = computeFeedbackSignal(rows.map((r) => ({ trackId: r.songId, likes: r.likes, dislikes: r.dislikes })));
  const songs = rows
    .map((row, i) => {
      const s = signal.songs[i]!;
      return {
        trackId: row.songId,
        title: row.title,
        artists: row.artists,
        likes: s.likes,
        dislikes: s.dislikes,
        votes: s.votes,
        likeRate: s.likeRate,
        smoothedRate: s.smoothedRate,
        adjustment: s.adjustment,
      };
    })
    .sort((a, b) => Math.abs(b.adjustment) - Math.abs(a.adjustment) || b.votes - a.votes || a.trackId.localeCompare(b.trackId))
    .slice(0, input.limit ?? 100);
  return { enabled: webEnv().ANISONG_FEEDBACK_SIGNAL === "on", priorRate: signal.priorRate, ...DEFAULT_FEEDBACK_SIGNAL, songs };
}
