// `pnpm db:migrate`: applies prisma/migrations to the database the environment selects.
import { resolveDatabaseConfig } from "../env";
import { closePGlite } from "../client/pglite-registry";
import { migrateDatabase } from "./migrate-database";

async function main(): Promise<void> {
  const config = resolveDatabaseConfig();
  const where = config.kind === "pglite" ? `PGlite at ${config.dataDir}` : `PostgreSQL (${new URL(config.url).host})`;
  const result = await migrateDatabase(config, { log: (line) => console.log(line) });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  console.log(`${where}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already applied`);
  if (config.kind === "pglite") await closePGlite(config.dataDir);
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
