// Stops the running experiment. Its row, its variants and every recommendation's experimentId and variant stay:
// stopping only ends the assignment of new recommendations. `name`, when given, must match the running one.
import type { TDb } from "../client/create-prisma-client";
import { toExperiment, type TExperiment } from "./experiment";

export type TStopExperimentResult = { status: "stopped"; experiment: TExperiment } | { status: "none_running" };

export async function stopExperiment(db: TDb, input: { name?: string } = {}): Promise<TStopExperimentResult> {
  const { count } = await db.experiment.updateMany({
    where: { status: "running", ...(input.name ? { name: input.name } : {}) },
    data: { status: "stopped", stoppedAt: new Date() },
  });
  if (count === 0) return { status: "none_running" };
  const row = await db.experiment.findFirstOrThrow({
    where: { status: "stopped", ...(input.name ? { name: input.name } : {}) },
    orderBy: { stoppedAt: "desc" },
  });
  return { status: "stopped", experiment: toExperiment(row) };
}
