// A migrated, throwaway database for tests and benchmarks: a temp PGlite folder, or a fresh database
// on the PostgreSQL server named by TEST_DATABASE_URL (admin URL, default postgres@127.0.0.1:5432).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveTestAdminUrl, type TDatabaseConfig } from "../env";
import { closePrismaClient, createPrismaClient, type TDb } from "../client/create-prisma-client";
import { closePGlite, lockFileFor } from "../client/pglite-registry";
import { migrateDatabase } from "../migrate/migrate-database";
import { databaseUrl, withAdmin } from "./admin-connection";

export type TTestDatabase = { db: TDb; config: TDatabaseConfig; drop(): Promise<void> };

/** "pglite-thread": PGlite in its own worker thread (the web server's choice), migrated on this thread first. */
export async function createTestDatabase(options: {
  kind: "pglite" | "pglite-thread" | "postgres";
  migrate?: boolean;
}): Promise<TTestDatabase> {
  const migrate = options.migrate ?? true;
  if (options.kind !== "postgres") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-pglite-"));
    const config: TDatabaseConfig = { kind: "pglite", dataDir, thread: options.kind === "pglite-thread" ? "worker" : "main" };
    if (migrate) await migrateDatabase(config);
    if (config.thread === "worker") await closePGlite(dataDir); // the migration's in-process instance gives way
    const db = await createPrismaClient(config);
    return {
      db,
      config,
      drop: async () => {
        await closePrismaClient(db);
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(lockFileFor(dataDir), { force: true }); // e.g. left by a child process that was killed
      },
    };
  }
  const adminUrl = resolveTestAdminUrl();
  const name = `anisong_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const config: TDatabaseConfig = { kind: "postgres", url: databaseUrl(adminUrl, name) };
  if (migrate) await migrateDatabase(config);
  const db = await createPrismaClient(config);
  return {
    db,
    config,
    drop: async () => {
      await closePrismaClient(db);
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
