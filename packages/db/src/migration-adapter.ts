// Picks the driver adapter the Prisma CLI uses for migrations: PostgreSQL when DATABASE_URL is set,
// otherwise the embedded PGlite folder. Kept free of the generated client so `prisma generate` can load it.
import { resolveDatabaseConfig } from "./env";

export async function createMigrationAdapter() {
  const config = resolveDatabaseConfig();
  if (config.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: config.url });
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  // Typed against an older @prisma/driver-adapter-utils than Prisma 6.19's; the runtime protocol matches.
  return new PrismaPGlite(new PGlite(config.dataDir)) as unknown as InstanceType<typeof import("@prisma/adapter-pg").PrismaPg>;
}
