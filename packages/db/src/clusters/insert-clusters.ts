// A model's cluster rows. Centroids travel as JSON text: Prisma's client rounds float parameters to 15
// significant digits (prisma/orm#11096, #22249), which would move them.
import type { TDbOrTx } from "../db-transaction";

export type TNewCluster = { index: number; label: string; size: number; centroid: number[] };

export async function insertClusters(db: TDbOrTx, input: { modelId: string; clusters: TNewCluster[] }): Promise<void> {
  for (const c of input.clusters) {
    await db.$executeRaw`
      INSERT INTO "Cluster" ("modelId", "index", "label", "size", "centroid")
      VALUES (${input.modelId}, ${c.index}, ${c.label}, ${c.size},
              ARRAY(SELECT (jsonb_array_elements_text(${JSON.stringify(c.centroid)}::jsonb))::float8))`;
  }
}
