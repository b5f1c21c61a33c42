// An experiment as the app and the pipeline see it: its variants parsed from the Json column.
import { z } from "zod";

export const ZExperimentVariant = z.object({
  /** short name stored on each recommendation, e.g. "a" */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "a variant name is 1–32 of a-z, 0-9, _ and -"),
  modelId: z.string().min(1),
  /** whether the feedback signal adjusts this variant's ranking */
  feedbackSignal: z.boolean(),
  /** share of visitors, relative to the other variants' weights */
  weight: z.number().positive().max(1000),
});
export type TExperimentVariant = z.infer<typeof ZExperimentVariant>;

export const ZExperimentVariants = z
  .array(ZExperimentVariant)
  .min(2, "an experiment needs at least two variants")
  .max(8)
  .refine((vs) => new Set(vs.map((v) => v.name)).size === vs.length, { message: "variant names must be distinct" });

export type TExperiment = {
  id: string;
  name: string;
  status: "running" | "stopped";
  variants: TExperimentVariant[];
  startedAt: Date;
  stoppedAt: Date | null;
};

export function toExperiment(row: {
  id: string;
  name: string;
  status: string;
  variants: unknown;
  startedAt: Date;
  stoppedAt: Date | null;
}): TExperiment {
  return {
    id: row.id,
    name: row.name,
    status: row.status === "running" ? "running" : "stopped",
    variants: ZExperimentVariants.parse(row.variants),
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt,
  };
}
