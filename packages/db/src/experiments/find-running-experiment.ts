// The running experiment, or null: what each new recommendation asks (the web caches it briefly).
import type { TDb } from "../client/create-prisma-client";
import { toExperiment, type TExperiment } from "./experiment";

export async function findRunningExperiment(db: TDb): Promise<TExperiment | null> {
  const row = await db.experiment.findFirst({ where: { status: "running" } });
  return row ? toExperiment(row) : null;
}
