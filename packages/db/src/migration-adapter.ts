// Picks the driver adapter the Prisma CLI uses for migrations: PostgreSQL when DATABASE_URL is set,
// otherwise the embedded PGlite folder. Kept free of the generated client so `prisma generate` can load it.
import { resolveDatabaseConfig } from "./env";

export async function createMigrationAdapter() {
  const config = resolveDatabaseConfig();
  if (config.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: config.url });
  }
  // Through our registry, so the Prisma CLI takes the same folder lock as the app and the pipeline.
  const { openPGlite } = await import("./client/pglite-registry");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  // Typed against an older @prisma/driver-adapter-utils than Prisma 6.19's; the runtime protocol matches.
  return new PrismaPGlite(await openPGlite(config.dataDir)) as unknown as InstanceType<typeof import("@prisma/adapter-pg").PrismaPg>;
}
