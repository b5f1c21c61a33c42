// The model the app serves: the one row with isActive, its artifact validated by core-ml.
import { parseModelArtifact, type TModelArtifact } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";

export type TActiveCluster = { index: number; label: string; size: number; centroid: number[] };
/** `libraryVersion`: the library ingested with the model (null: the seed songs only). */
export type TActiveModel = { model: TModelArtifact; clusters: TActiveCluster[]; libraryVersion: string | null };

const WITH_CLUSTERS = { clusters: { orderBy: { index: "asc" } } } as const;

export async function findActiveModel(db: TDb): Promise<TActiveModel | null> {
  const row = await db.model.findFirst({ where: { isActive: true }, orderBy: { activatedAt: "desc" }, include: WITH_CLUSTERS });
  return row ? toActiveModel(row) : null;
}

/** One model version with its clusters, active or not (e.g. the version findActiveModelVersion just named). */
export async function findModel(db: TDb, input: { modelId: string }): Promise<TActiveModel | null> {
  const row = await db.model.findUnique({ where: { id: input.modelId }, include: WITH_CLUSTERS });
  return row ? toActiveModel(row) : null;
}

/** Only the active model's version: the cheap check a long-lived cache makes before reloading anything. */
export async function findActiveModelVersion(db: TDb): Promise<string | null> {
  const row = await db.model.findFirst({ where: { isActive: true }, orderBy: { activatedAt: "desc" }, select: { id: true } });
  return row?.id ?? null;
}

function toActiveModel(row: { artifact: unknown; clusters: TActiveCluster[]; libraryVersion: string | null }): TActiveModel {
  return {
    libraryVersion: row.libraryVersion,
    model: parseModelArtifact(row.artifact),
    clusters: row.clusters.map(({ index, label, size, centroid }) => ({ index, label, size, centroid })),
  };
}
