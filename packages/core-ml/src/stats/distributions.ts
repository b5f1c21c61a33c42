// Student's t and the standard normal distribution: CDFs from the special functions, quantiles by bisection
// on the CDF (monotone, so bisection always converges; ~60 halvings reach double precision).
import { regularizedGammaQ, regularizedIncompleteBeta } from "./special-functions";

function assertProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
}

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be a positive number, got ${df}`);
}

/** P(|T| ≥ |t|) for T ~ t(df): the two-sided tail, computed directly so tiny p-values keep their precision. */
export function studentTTwoSidedTail(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T ≤ t) for T ~ t(df); df may be fractional (Welch–Satterthwaite). */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedTail(t, df) / 2;
  return t > 0 ? 1 - tail : tail;
}

/** Standard normal P(Z ≤ z), via erfc(x) = Q(1/2, x²). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const half = regularizedGammaQ(0.5, (z * z) / 2) / 2; // P(Z ≥ |z|)
  return z >= 0 ? 1 - half : half;
}

/** P(|Z| ≥ |z|), computed from the upper tail directly. */
export function normalTwoSidedTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return regularizedGammaQ(0.5, (z * z) / 2);
}

function invertCdf(cdf: (x: number) => number, p: number): number {
  let lo = -1;
  let hi = 1;
  while (cdf(lo) > p) lo *= 2;
  while (cdf(hi) < p) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The p-quantile of Student's t with df degrees of freedom (e.g. p = 0.975 for a two-sided 95 % interval). */
export function studentTQuantile(p: number, df: number): number {
  assertProbability(p);
  assertDegreesOfFreedom(df);
  if (p === 0.5) return 0;
  // Symmetric: invert on the upper half, where the CDF is computed from the small tail without cancellation.
  const upper = p > 0.5 ? p : 1 - p;
  const q = invertCdf((t) => studentTCdf(t, df), upper);
  return p > 0.5 ? q : -q;
}

/** The p-quantile of the standard normal distribution. */
export function normalQuantile(p: number): number {
  assertProbability(p);
  if (p === 0.5) return 0;
  const upper = p > 0.5 ? p : 1 - p;
  const q = invertCdf(normalCdf, upper);
  return p > 0.5 ? q : -q;
}
