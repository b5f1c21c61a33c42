// A model row (inactive) from its artifact. Raw SQL with JSON text on purpose: Prisma's client rounds float
// parameters to 15 significant digits (prisma/orm#11096, #22249), which would break the artifact's content
// hash and move the centroids.
import type { TModelArtifact } from "@anisong/core-ml";
import type { TDbOrTx } from "../db-transaction";

export async function insertModel(db: TDbOrTx, input: { artifact: TModelArtifact }): Promise<void> {
  const { artifact } = input;
  const json = (value: unknown) => JSON.stringify(value);
  await db.$executeRaw`
    INSERT INTO "Model" ("id", "k", "features", "scaler", "centroids", "inertia", "silhouette", "trainingRows",
                         "trainingDataHash", "assignment", "artifact", "isActive")
    VALUES (${artifact.version}, ${artifact.k}, ARRAY(SELECT jsonb_array_elements_text(${json(artifact.featureNames)}::jsonb)),
            ${json(artifact.scaler)}::jsonb, ${json(artifact.centroids)}::jsonb, ${String(artifact.inertia)}::float8,
            ${String(artifact.silhouette)}::float8, ${artifact.trainingRows}, ${artifact.trainingDataHash},
            ${artifact.assignment}, ${json(artifact)}::jsonb, false)`;
}
