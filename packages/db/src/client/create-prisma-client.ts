// One factory for both databases: PGlite (embedded folder, the default) or PostgreSQL through adapter-pg.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { resolveDatabaseConfig, type TDatabaseConfig } from "../env";
import { closePGlite, openPGlite, openPGliteThread } from "./pglite-registry";
import { PGliteThreadAdapterFactory } from "./pglite-thread/thread-adapter";

export type TDb = PrismaClient;

// PGlite clients are shared per folder and reference-counted: the folder closes when its last user lets go.
// Kept on globalThis so duplicated module copies (bundlers, test runners) share one client per folder.
const CLIENTS = Symbol.for("anisong.db.pglite-clients");
const clientHolder = globalThis as typeof globalThis & { [CLIENTS]?: Map<string, { client: Promise<TDb>; refs: number }> };
const pgliteClients = (clientHolder[CLIENTS] ??= new Map());
// Also on globalThis: a client made by one module copy is looked up (databaseConfigOf) from another.
const CONFIGS = Symbol.for("anisong.db.client-configs");
const configHolder = globalThis as typeof globalThis & { [CONFIGS]?: WeakMap<TDb, TDatabaseConfig> };
const clientConfigs = (configHolder[CONFIGS] ??= new WeakMap());

/**
 * PGlite: the client is shared per data folder (one connection per process); each call takes a reference.
 * PostgreSQL: a new client with its own pool. Either way, release it with closePrismaClient.
 */
export function createPrismaClient(config: TDatabaseConfig = resolveDatabaseConfig()): Promise<TDb> {
  if (config.kind === "postgres") {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url }) });
    clientConfigs.set(db, config);
    return Promise.resolve(db);
  }
  let entry = pgliteClients.get(config.dataDir);
  if (!entry) {
    // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils, and the thread adapter
    // declares only what it implements; the runtime protocol matches.
    const adapter: Promise<unknown> =
      config.thread === "worker"
        ? openPGliteThread(config.dataDir).then(() => new PGliteThreadAdapterFactory(() => openPGliteThread(config.dataDir)))
        : // Imported here: in the thread's mode PGlite's JavaScript (and its adapter) stays out of this thread.
          Promise.all([openPGlite(config.dataDir), import("pglite-prisma-adapter")]).then(
            ([pglite, { PrismaPGlite }]) => new PrismaPGlite(pglite),
          );
    const client = adapter.then((a) => {
      const db = new PrismaClient({ adapter: a as PrismaPg });
      clientConfigs.set(db, config);
      return db;
    });
    entry = { client, refs: 0 };
    pgliteClients.set(config.dataDir, entry);
    client.catch(() => pgliteClients.delete(config.dataDir));
  }
  entry.refs++;
  return entry.client;
}

/** The database a client was made for (undefined for a client not made by createPrismaClient). */
export function databaseConfigOf(db: TDb): TDatabaseConfig | undefined {
  return clientConfigs.get(db);
}

/** Releases a client. PostgreSQL: closes its pool. PGlite: closes the folder once no one else holds it. */
export async function closePrismaClient(db: TDb): Promise<void> {
  const config = clientConfigs.get(db);
  if (config?.kind !== "pglite") {
    await db.$disconnect();
    return;
  }
  const entry = pgliteClients.get(config.dataDir);
  if (entry && --entry.refs > 0) return;
  pgliteClients.delete(config.dataDir);
  await db.$disconnect();
  await closePGlite(config.dataDir);
}

// On globalThis too: the web server loads this module more than once (its API and its pages are bundled apart), and
// one process should hold one pool of PostgreSQL connections, not one per copy.
const SINGLETON = Symbol.for("anisong.db.singleton");
const singletonHolder = globalThis as typeof globalThis & { [SINGLETON]?: Promise<TDb> | null };

/** The process-wide client for the database the environment selects (`config`: the first call's choice holds). */
export function getDb(config: TDatabaseConfig = resolveDatabaseConfig()): Promise<TDb> {
  if (!singletonHolder[SINGLETON]) {
    const created = createPrismaClient(config);
    singletonHolder[SINGLETON] = created;
    created.catch(() => {
      if (singletonHolder[SINGLETON] === created) singletonHolder[SINGLETON] = null;
    });
  }
  return singletonHolder[SINGLETON];
}

export async function closeDb(): Promise<void> {
  const pending = singletonHolder[SINGLETON];
  singletonHolder[SINGLETON] = null;
  if (pending) await closePrismaClient(await pending);
}
