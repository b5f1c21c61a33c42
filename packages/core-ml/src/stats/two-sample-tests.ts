// Two-sample tests for comparing experiment variants: Welch's t-test for mean ratings (no equal-variance
// assumption; df by Welch–Satterthwaite) and the pooled two-proportion z-test for like rates (the same
// p-value as a 2×2 chi-square test without continuity correction).
import { normalTwoSidedTail, studentTQuantile, studentTTwoSidedTail } from "./distributions";
import type { TInterval } from "./intervals";
import type { TSampleSummary } from "./summary";

export type TWelchResult = {
  /** mean(a) − mean(b) */
  difference: number;
  t: number;
  df: number;
  /** two-sided */
  pValue: number;
  /** confidence interval of the difference at `level` */
  interval: TInterval;
};

/**
 * Welch's unequal-variances t-test of a against b (scipy.stats.ttest_ind(a, b, equal_var=False)).
 * Null when it cannot be computed: a group with fewer than 2 values, or no variance in either group.
 */
export function welchTTest(a: TSampleSummary, b: TSampleSummary, options: { level?: number } = {}): TWelchResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const se = Math.sqrt(se2);
  const difference = a.mean - b.mean;
  const t = difference / se;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const level = options.level ?? 0.95;
  const half = studentTQuantile(1 - (1 - level) / 2, df) * se;
  return { difference, t, df, pValue: studentTTwoSidedTail(t, df), interval: { low: difference - half, high: difference + half } };
}

export type TProportion = { successes: number; n: number };
export type TTwoProportionResult = { difference: number; z: number; pValue: number };

/** Pooled two-proportion z-test of a's rate against b's; null when a group is empty or the pooled rate is 0 or 1. */
export function twoProportionZTest(a: TProportion, b: TProportion): TTwoProportionResult | null {
  if (a.n <= 0 || b.n <= 0) return null;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (!(se > 0)) return null;
  const difference = a.successes / a.n - b.successes / b.n;
  const z = difference / se;
  return { difference, z, pValue: normalTwoSidedTail(z) };
}
