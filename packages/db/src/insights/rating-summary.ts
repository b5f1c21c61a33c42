// A group of ratings as the statistics need it: n, mean and sample variance of the stars (core-ml's
// TSampleSummary), computed by the database so only three numbers per group travel.
import { Prisma } from "../generated/prisma/client";

export type TRatingSummary = { key: string; n: number; mean: number; variance: number };

/** The SELECT list for one group's summary of `rt."stars"` (VAR_SAMP is null for one value: 0 then). */
export const SUMMARY_COLUMNS = Prisma.sql`COUNT(*)::int AS n, AVG(rt."stars")::float8 AS mean,
  COALESCE(VAR_SAMP(rt."stars"), 0)::float8 AS variance`;
