// A sample reduced to what the interval and the test need — n, mean and sample variance — so a database can
// compute it with COUNT/AVG/VAR_SAMP and only three numbers per group travel.

export type TSampleSummary = {
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator); 0 when n < 2. */
  variance: number;
};

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance, two-pass (subtracting the mean first avoids the cancellation of Σx² − n·mean²). */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) * (v - m);
  return sum / (values.length - 1);
}

export function summarize(values: readonly number[]): TSampleSummary {
  return { n: values.length, mean: mean(values), variance: values.length < 2 ? 0 : sampleVariance(values) };
}
