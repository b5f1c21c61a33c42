// The model the app serves: the one row with isActive, its artifact validated by core-ml.
import { parseModelArtifact, type TModelArtifact } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";

export type TActiveCluster = { index: number; label: string; size: number; centroid: number[] };
export type TActiveModel = { model: TModelArtifact; clusters: TActiveCluster[] };

export async function findActiveModel(db: TDb): Promise<TActiveModel | null> {
  const row = await db.model.findFirst({
    where: { isActive: true },
    orderBy: { activatedAt: "desc" },
    include: { clusters: { orderBy: { index: "asc" } } },
  });
  if (!row) return null;
  return {
    model: parseModelArtifact(row.artifact),
    clusters: row.clusters.map(({ index, label, size, centroid }) => ({ index, label, size, centroid })),
  };
}
