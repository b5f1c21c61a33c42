// The experiment comparison the Insights page shows: per variant its mean rating with a 95 % t interval and its
// like rate with a Wilson interval; every other variant is tested against the first (the control) with Welch's
// t-test on the stars and a two-proportion z-test on the like rates. Pure: numbers in, numbers out.
import { meanConfidenceInterval, twoProportionZTest, welchTTest, wilsonInterval, type TInterval } from "@anisong/core-ml";

export const SIGNIFICANCE_LEVEL = 0.05;

export type TVariantInput = {
  name: string;
  modelId: string;
  feedbackSignal: boolean;
  recommendations: number;
  ratings: { n: number; mean: number | null; variance: number };
  likes: number;
  dislikes: number;
};

export type TTestOutcome = { pValue: number; significant: boolean; statistic: number; df?: number } | null;

export type TVariantComparison = {
  name: string;
  modelId: string;
  feedbackSignal: boolean;
  recommendations: number;
  ratings: number;
  mean: number | null;
  meanInterval: TInterval | null;
  votes: number;
  likeRate: number | null;
  likeRateInterval: TInterval | null;
  /** null for the control (the first variant) */
  versusControl: { meanDifference: number | null; stars: TTestOutcome; likeRate: TTestOutcome } | null;
};

export function compareVariants(variants: TVariantInput[]): TVariantComparison[] {
  const control = variants[0];
  return variants.map((v, i) => {
    const sample = { n: v.ratings.n, mean: v.ratings.mean ?? Number.NaN, variance: v.ratings.variance };
    const votes = v.likes + v.dislikes;
    let versusControl: TVariantComparison["versusControl"] = null;
    if (i > 0 && control) {
      const controlSample = { n: control.ratings.n, mean: control.ratings.mean ?? Number.NaN, variance: control.ratings.variance };
      const welch = welchTTest(sample, controlSample);
      const proportions = twoProportionZTest(
        { successes: v.likes, n: votes },
        { successes: control.likes, n: control.likes + control.dislikes },
      );
      versusControl = {
        meanDifference: v.ratings.mean !== null && control.ratings.mean !== null ? v.ratings.mean - control.ratings.mean : null,
        stars: welch && {
          pValue: welch.pValue,
          significant: welch.pValue < SIGNIFICANCE_LEVEL,
          statistic: welch.t,
          df: welch.df,
        },
        likeRate: proportions && {
          pValue: proportions.pValue,
          significant: proportions.pValue < SIGNIFICANCE_LEVEL,
          statistic: proportions.z,
        },
      };
    }
    return {
      name: v.name,
      modelId: v.modelId,
      feedbackSignal: v.feedbackSignal,
      recommendations: v.recommendations,
      ratings: v.ratings.n,
      mean: v.ratings.mean,
      meanInterval: meanConfidenceInterval(sample),
      votes,
      likeRate: votes > 0 ? v.likes / votes : null,
      likeRateInterval: wilsonInterval({ successes: v.likes, n: votes }),
      versusControl,
    };
  });
}

/** The verdict in plain words, for the table and its screen-reader text. */
export function verdict(outcome: TTestOutcome, what: string): string {
  if (!outcome) return `Not enough data to test the ${what}.`;
  const p = formatP(outcome.pValue);
  return outcome.significant
    ? `Yes — the ${what} differs at the 5 % level (p = ${p}).`
    : `No — the ${what} difference could be chance (p = ${p}).`;
}

export function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}
