// The cheapest round trip: throws (classify it with classifyDatabaseError) when the database cannot answer.
import type { TDb } from "../client/create-prisma-client";

export async function pingDatabase(db: TDb): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
