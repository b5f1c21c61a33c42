// The rating loop's ranking signal: listeners' like / not-for-me votes per song become a small, bounded
// adjustment of the cosine similarity. Pure: votes in, a ReadonlyMap<trackId, adjustment> out.
//
// For a song with `likes` and `dislikes` (n = likes + dislikes votes):
//   prior p₀      = (L + 1) / (N + 2)            the global like rate over every vote (Laplace-smoothed)
//   smoothed r    = (likes + m·p₀) / (n + m)     Bayesian average: m pseudo-votes at the prior (Beta prior)
//   adjustment    = maxAdjustment · (r − p₀) / (1 − p₀)  when r > p₀,  maxAdjustment · (r − p₀) / p₀  otherwise,
//                   and 0 while n < minVotes.
// Since r − p₀ = n/(n+m) · (likes/n − p₀), the adjustment is the song's raw deviation from the prior, normalised
// to [−1, 1] by the most it could be, times the confidence n/(n+m): bounded by ±maxAdjustment by construction
// (clamped as well, against float drift), near 0 for few votes, and approaching the bound only when many
// listeners agree. The worked example is in the package README.
import { InvalidArgumentError } from "./errors";

export type TSongVotes = { trackId: string; likes: number; dislikes: number };

export type TFeedbackSignalOptions = {
  /** Pseudo-votes at the prior rate (the Beta prior's strength, default 10). */
  priorStrength?: number;
  /** Votes a song needs before it moves at all (default 5). */
  minVotes?: number;
  /** The largest adjustment of a cosine similarity, either way (default 0.05). */
  maxAdjustment?: number;
};

export const DEFAULT_FEEDBACK_SIGNAL = { priorStrength: 10, minVotes: 5, maxAdjustment: 0.05 } as const;

export type TSongSignal = {
  trackId: string;
  likes: number;
  dislikes: number;
  votes: number;
  /** likes / votes */
  likeRate: number;
  /** the Bayesian average toward the prior */
  smoothedRate: number;
  /** what is added to this song's cosine similarity (0 below minVotes) */
  adjustment: number;
};

export type TFeedbackSignal = {
  /** the global like rate every song is smoothed toward */
  priorRate: number;
  songs: readonly TSongSignal[];
  /** trackId → adjustment, only songs whose adjustment is not 0 */
  boosts: ReadonlyMap<string, number>;
};

export function computeFeedbackSignal(votes: readonly TSongVotes[], opts: TFeedbackSignalOptions = {}): TFeedbackSignal {
  const m = opts.priorStrength ?? DEFAULT_FEEDBACK_SIGNAL.priorStrength;
  const minVotes = opts.minVotes ?? DEFAULT_FEEDBACK_SIGNAL.minVotes;
  const bound = opts.maxAdjustment ?? DEFAULT_FEEDBACK_SIGNAL.maxAdjustment;
  if (!(m > 0) || !Number.isFinite(m)) throw new InvalidArgumentError(`priorStrength must be a finite number > 0, got ${m}`);
  if (!(minVotes >= 0) || !Number.isFinite(minVotes))
    throw new InvalidArgumentError(`minVotes must be a finite number ≥ 0, got ${minVotes}`);
  if (!(bound >= 0) || !(bound <= 1)) throw new InvalidArgumentError(`maxAdjustment must be in [0, 1], got ${bound}`);
  let totalLikes = 0;
  let totalVotes = 0;
  for (const v of votes) {
    if (!isCount(v.likes) || !isCount(v.dislikes)) {
      throw new InvalidArgumentError(`votes of ${v.trackId} must be counts ≥ 0, got ${v.likes} likes and ${v.dislikes} dislikes`);
    }
    totalLikes += v.likes;
    totalVotes += v.likes + v.dislikes;
  }
  const prior = (totalLikes + 1) / (totalVotes + 2);
  const boosts = new Map<string, number>();
  const songs = votes.map((v): TSongSignal => {
    const n = v.likes + v.dislikes;
    const smoothedRate = (v.likes + m * prior) / (n + m);
    const deviation = smoothedRate - prior;
    const raw = n >= minVotes && n > 0 ? bound * (deviation > 0 ? deviation / (1 - prior) : deviation / prior) : 0;
    const adjustment = Math.min(bound, Math.max(-bound, raw));
    if (adjustment !== 0) boosts.set(v.trackId, adjustment);
    return {
      trackId: v.trackId,
      likes: v.likes,
      dislikes: v.dislikes,
      votes: n,
      likeRate: n > 0 ? v.likes / n : 0,
      smoothedRate,
      adjustment,
    };
  });
  return { priorRate: prior, songs, boosts };
}

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 0;
}
