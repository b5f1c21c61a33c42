// Every stored model version, newest first, with what choosing one for an experiment needs to know.
import type { TDb } from "../client/create-prisma-client";

export type TModelSummary = {
  id: string;
  k: number;
  assignment: string;
  silhouette: number;
  trainingRows: number;
  isActive: boolean;
  createdAt: Date;
};

export async function listModels(db: TDb): Promise<TModelSummary[]> {
  return db.model.findMany({
    select: { id: true, k: true, assignment: true, silhouette: true, trainingRows: true, isActive: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}
