// What the Insights page needs to decide: ratings per day, by cluster / kinds / feature source / steering option,
// the experiments' variant comparison, the most liked and most rejected songs, and what the feedback signal
// changes. Every figure comes from the database in aggregate (n, mean, variance per group); the statistics are
// core-ml's. Read in parallel.
import { meanConfidenceInterval, type TInterval } from "@anisong/core-ml";
import {
  groupRatings,
  groupRatingsByOption,
  listDailyRatings,
  listExperiments,
  listTopVotedSongs,
  summarizeExperimentVariants,
  type TDb,
  type TRatingSummary,
} from "@anisong/db";
import { providerLabel } from "@anisong/providers";
import { getFeedbackReport, type TFeedbackReport } from "../feedback/feedback-report";
import { loadActiveModel } from "../model/load-active-model";
import { compareVariants, type TVariantComparison } from "./compare-variants";

const DAYS = 30;
const EXPERIMENTS = 5;
const TOP_SONGS = 8;
const MIN_VOTES = 3;
const SIGNAL_SONGS = 10;

export type TRatingBar = { key: string; label: string; n: number; mean: number; interval: TInterval | null };
export type TRatingBreakdown = { id: "cluster" | "kinds" | "source" | "option"; title: string; bars: TRatingBar[] };
export type TExperimentComparison = {
  id: string;
  name: string;
  status: "running" | "stopped";
  startedAt: string;
  stoppedAt: string | null;
  variants: TVariantComparison[];
};
export type TSongVotesRow = { songId: string; title: string; artists: string[]; likes: number; dislikes: number; likeRate: number };

export type TDecisionInsights = {
  daily: TRatingBar[];
  breakdowns: TRatingBreakdown[];
  experiments: TExperimentComparison[];
  mostLiked: TSongVotesRow[];
  mostRejected: TSongVotesRow[];
  minVotes: number;
  /** the feedback helper's report, only songs whose adjustment is not 0 */
  signal: TFeedbackReport;
};

function toBar(row: TRatingSummary, label: string): TRatingBar {
  return { key: row.key, label, n: row.n, mean: row.mean, interval: meanConfidenceInterval(row) };
}

const kindsLabel = (key: string) => (key === "" ? "none" : key.split("+").join(" + "));
const OPTION_LABELS: Record<string, string> = {
  none: "no option",
  seeds: "several songs",
  avoid: "not like this",
  targets: "feature targets",
  tempoRange: "tempo range",
  variety: "variety",
  maxPerArtist: "songs per artist",
};
const optionLabel = (key: string) => OPTION_LABELS[key] ?? key;

export async function getDecisionInsights(db: TDb): Promise<TDecisionInsights> {
  const loaded = await loadActiveModel(db);
  const [daily, byCluster, byKinds, bySource, byOption, experiments, variantRows, liked, rejected, report] = await Promise.all([
    listDailyRatings(db, { days: DAYS }),
    groupRatings(db, { by: "cluster", modelId: loaded.version }),
    groupRatings(db, { by: "kinds" }),
    groupRatings(db, { by: "source" }),
    groupRatingsByOption(db),
    listExperiments(db),
    summarizeExperimentVariants(db),
    listTopVotedSongs(db, { order: "liked", minVotes: MIN_VOTES, limit: TOP_SONGS }),
    listTopVotedSongs(db, { order: "rejected", minVotes: MIN_VOTES, limit: TOP_SONGS }),
    getFeedbackReport(db, { limit: SIGNAL_SONGS }),
  ]);

  const clusterLabel = (key: string) => {
    const c = loaded.clusters.get(Number(key));
    return c ? `${c.index} · ${c.label}` : `cluster ${key}`;
  };
  const withRate = <T extends { likes: number; dislikes: number }>(s: T) => ({ ...s, likeRate: s.likes / (s.likes + s.dislikes) });

  return {
    daily: daily.map((d) => toBar(d, d.key)),
    breakdowns: [
      { id: "cluster", title: "By cluster (active model)", bars: byCluster.map((r) => toBar(r, clusterLabel(r.key))) },
      { id: "kinds", title: "By song kinds chosen", bars: byKinds.map((r) => toBar(r, kindsLabel(r.key))) },
      { id: "source", title: "By feature source", bars: bySource.map((r) => toBar(r, providerLabel(r.key))) },
      { id: "option", title: "By steering option", bars: byOption.map((r) => toBar(r, optionLabel(r.key))) },
    ],
    experiments: experiments.slice(0, EXPERIMENTS).map((e) => ({
      id: e.id,
      name: e.name,
      status: e.status,
      startedAt: e.startedAt.toISOString(),
      stoppedAt: e.stoppedAt?.toISOString() ?? null,
      variants: compareVariants(
        e.variants.map((v) => {
          const row = variantRows.find((r) => r.experimentId === e.id && r.variant === v.name);
          return {
            name: v.name,
            modelId: v.modelId,
            feedbackSignal: v.feedbackSignal,
            recommendations: row?.recommendations ?? 0,
            ratings: { n: row?.n ?? 0, mean: row?.mean ?? null, variance: row?.variance ?? 0 },
            likes: row?.likes ?? 0,
            dislikes: row?.dislikes ?? 0,
          };
        }),
      ),
    })),
    mostLiked: liked.map(withRate),
    mostRejected: rejected.map(withRate),
    minVotes: MIN_VOTES,
    signal: { ...report, songs: report.songs.filter((song) => song.adjustment !== 0) },
  };
}
