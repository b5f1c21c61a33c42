// One factory for both databases: PGlite (embedded folder, the default) or PostgreSQL through adapter-pg.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { resolveDatabaseConfig, type TDatabaseConfig } from "../env";
import { closePGlite, openPGlite } from "./pglite-registry";

export type TDb = PrismaClient;

const pgliteClients = new Map<string, Promise<TDb>>();
const clientConfigs = new WeakMap<TDb, TDatabaseConfig>();

/**
 * PGlite: the client is shared per data folder (one connection per process).
 * PostgreSQL: a new client with its own pool; release it with closePrismaClient.
 */
export function createPrismaClient(config: TDatabaseConfig = resolveDatabaseConfig()): Promise<TDb> {
  if (config.kind === "postgres") {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url }) });
    clientConfigs.set(db, config);
    return Promise.resolve(db);
  }
  let pending = pgliteClients.get(config.dataDir);
  if (!pending) {
    pending = openPGlite(config.dataDir).then((pglite) => {
      // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime protocol matches.
      const adapter = new PrismaPGlite(pglite) as unknown as PrismaPg;
      const db = new PrismaClient({ adapter });
      clientConfigs.set(db, config);
      return db;
    });
    pgliteClients.set(config.dataDir, pending);
    pending.catch(() => pgliteClients.delete(config.dataDir));
  }
  return pending;
}

/** Disconnects the client; for PGlite also closes the folder so another process may open it. */
export async function closePrismaClient(db: TDb): Promise<void> {
  await db.$disconnect();
  const config = clientConfigs.get(db);
  if (config?.kind === "pglite") {
    pgliteClients.delete(config.dataDir);
    await closePGlite(config.dataDir);
  }
}

let singleton: Promise<TDb> | null = null;

/** The process-wide client for the database the environment selects. */
export function getDb(): Promise<TDb> {
  if (!singleton) {
    singleton = createPrismaClient(resolveDatabaseConfig());
    singleton.catch(() => (singleton = null));
  }
  return singleton;
}

export async function closeDb(): Promise<void> {
  const pending = singleton;
  singleton = null;
  if (pending) await closePrismaClient(await pending);
}
