// Our own migration runner (Prisma's `migrate deploy` cannot talk to PostgreSQL through adapter-pg,
// prisma/orm#27403). It records every migration in Prisma's `_prisma_migrations` table with Prisma's
// columns and checksum, so `prisma migrate status` and a later `migrate deploy` agree with it.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { resolveDatabaseConfig, type TDatabaseConfig } from "../env";
import { openPGlite } from "../client/pglite-registry";
import { MigrationError, readMigrations, type TMigration } from "./read-migrations";

type TRow = Record<string, unknown>;
type TSession = {
  query(sql: string, params?: unknown[]): Promise<TRow[]>;
  /** runs a multi-statement script (no parameters) */
  exec(sql: string): Promise<void>;
};
type TConnection = TSession & { transaction<T>(fn: (tx: TSession) => Promise<T>): Promise<T>; close(): Promise<void> };

// Same DDL Prisma uses for its bookkeeping table.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's advisory lock id, so our runner and `prisma migrate` never run at the same time.
const ADVISORY_LOCK_ID = 72707369;

export type TMigrateOptions = { migrationsDir?: string; log?: (line: string) => void };
export type TMigrateResult = { applied: string[]; alreadyApplied: string[]; warnings: string[] };

export async function migrateDatabase(
  config: TDatabaseConfig = resolveDatabaseConfig(),
  options: TMigrateOptions = {},
): Promise<TMigrateResult> {
  const migrations = readMigrations(options.migrationsDir);
  const connection = await connect(config);
  try {
    return await applyMigrations(connection, migrations, options.log ?? (() => {}));
  } finally {
    await connection.close();
  }
}

async function applyMigrations(connection: TConnection, migrations: TMigration[], log: (line: string) => void): Promise<TMigrateResult> {
  await connection.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await connection.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
  const done = new Map<string, string>();
  for (const row of rows) {
    if (row.rolled_back_at != null) continue;
    if (row.finished_at == null) {
      throw new MigrationError(
        `migration ${String(row.migration_name)} failed earlier and is not rolled back; fix the database, then mark it with \`prisma migrate resolve\``,
      );
    }
    done.set(String(row.migration_name), String(row.checksum));
  }
  const result: TMigrateResult = { applied: [], alreadyApplied: [], warnings: [] };
  for (const migration of migrations) {
    const checksum = done.get(migration.name);
    if (checksum !== undefined) {
      result.alreadyApplied.push(migration.name);
      if (checksum !== migration.checksum) {
        result.warnings.push(`migration ${migration.name} was modified after it was applied`);
      }
      continue;
    }
    const started = new Date();
    try {
      await connection.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, started.toISOString()],
        );
      });
    } catch (error) {
      throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
    }
    log(`applied ${migration.name}`);
    result.applied.push(migration.name);
  }
  return result;
}

async function connect(config: TDatabaseConfig): Promise<TConnection> {
  if (config.kind === "pglite") {
    // The shared instance: closing it here would break a Prisma client open on the same folder.
    const pglite = await openPGlite(config.dataDir);
    const session = (q: Pick<typeof pglite, "query" | "exec">): TSession => ({
      query: async (sql, params) => (await q.query<TRow>(sql, params)).rows,
      exec: async (sql) => void (await q.exec(sql)),
    });
    return {
      ...session(pglite),
      transaction: (fn) => pglite.transaction((tx) => fn(session(tx))),
      close: async () => {},
    };
  }
  const client = new Client({ connectionString: config.url });
  await client.connect();
  await client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_ID})`);
  const session: TSession = {
    query: async (sql, params) => (await client.query(sql, params)).rows as TRow[],
    exec: async (sql) => void (await client.query(sql)),
  };
  return {
    ...session,
    transaction: async (fn) => {
      await client.query("BEGIN");
      try {
        const value = await fn(session);
        await client.query("COMMIT");
        return value;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    close: async () => {
      await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_ID})`).catch(() => {});
      await client.end();
    },
  };
}
