// Starts an experiment between published models. Each variant's model must exist and have passed the gate
// (its silhouette ≥ `minSilhouette`, the pipeline's evaluate threshold). At most one experiment runs: the
// partial unique index "Experiment_one_running_key" makes two racing starts safe, and ON CONFLICT DO NOTHING
// turns the loser into a value instead of a duplicate-key error.
import { randomUUID } from "node:crypto";
import type { TDb } from "../client/create-prisma-client";
import { toExperiment, ZExperimentVariants, type TExperiment, type TExperimentVariant } from "./experiment";

export type TStartExperimentInput = { name: string; variants: TExperimentVariant[]; minSilhouette: number };

export type TStartExperimentResult =
  | { status: "started"; experiment: TExperiment }
  | { status: "invalid_variants"; message: string }
  | { status: "model_not_found"; modelId: string }
  | { status: "model_below_gate"; modelId: string; silhouette: number; minSilhouette: number }
  | { status: "already_running"; running: TExperiment }
  | { status: "name_taken" };

export async function startExperiment(db: TDb, input: TStartExperimentInput): Promise<TStartExperimentResult> {
  const parsed = ZExperimentVariants.safeParse(input.variants);
  if (!parsed.success) return { status: "invalid_variants", message: parsed.error.issues.map((i) => i.message).join("; ") };
  const variants = parsed.data;
  const models = await db.model.findMany({ where: { id: { in: variants.map((v) => v.modelId) } }, select: { id: true, silhouette: true } });
  for (const v of variants) {
    const model = models.find((m) => m.id === v.modelId);
    if (!model) return { status: "model_not_found", modelId: v.modelId };
    if (!(model.silhouette >= input.minSilhouette))
      return { status: "model_below_gate", modelId: v.modelId, silhouette: model.silhouette, minSilhouette: input.minSilhouette };
  }
  const id = randomUUID();
  const startedAt = new Date().toISOString();
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Experiment" ("id", "name", "status", "variants", "startedAt")
    VALUES (${id}, ${input.name}, 'running', ${JSON.stringify(variants)}::jsonb, ${startedAt}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 1) {
    const row = await db.experiment.findUniqueOrThrow({ where: { id } });
    return { status: "started", experiment: toExperiment(row) };
  }
  const running = await db.experiment.findFirst({ where: { status: "running" } });
  if (running) return { status: "already_running", running: toExperiment(running) };
  return { status: "name_taken" };
}
