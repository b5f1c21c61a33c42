// Confidence intervals: a mean's (Student's t, n − 1 df) and a proportion's (Wilson score interval, which
// stays inside [0, 1] and behaves at 0 and n successes, unlike the normal "p ± z·se" interval).
import { normalQuantile, studentTQuantile } from "./distributions";
import type { TSampleSummary } from "./summary";

export type TInterval = { low: number; high: number };

function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** mean ± t(1 − α/2, n − 1) · s/√n; null when n < 2 (no variance to estimate). */
export function meanConfidenceInterval(sample: TSampleSummary, options: { level?: number } = {}): TInterval | null {
  const level = options.level ?? 0.95;
  assertLevel(level);
  if (sample.n < 2) return null;
  const half = studentTQuantile(1 - (1 - level) / 2, sample.n - 1) * Math.sqrt(sample.variance / sample.n);
  return { low: sample.mean - half, high: sample.mean + half };
}

/** The Wilson score interval of successes / n; null when n = 0. */
export function wilsonInterval(input: { successes: number; n: number }, options: { level?: number } = {}): TInterval | null {
  const level = options.level ?? 0.95;
  assertLevel(level);
  const { successes, n } = input;
  if (n <= 0) return null;
  if (successes < 0 || successes > n) throw new RangeError(`successes must be between 0 and n (${n}), got ${successes}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
