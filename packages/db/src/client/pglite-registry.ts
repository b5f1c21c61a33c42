// PGlite is a single-connection, in-process PostgreSQL: a data folder must be opened once per process.
// This registry hands every caller (Prisma client, migration runner) the same instance per folder.
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

const instances = new Map<string, Promise<PGlite>>();

export function openPGlite(dataDir: string): Promise<PGlite> {
  const key = path.resolve(dataDir);
  let pending = instances.get(key);
  if (!pending) {
    pending = (async () => {
      fs.mkdirSync(key, { recursive: true });
      const { PGlite } = await import("@electric-sql/pglite");
      const db = new PGlite(key);
      await db.waitReady;
      return db;
    })();
    instances.set(key, pending);
    pending.catch(() => instances.delete(key));
  }
  return pending;
}

export async function closePGlite(dataDir: string): Promise<void> {
  const key = path.resolve(dataDir);
  const pending = instances.get(key);
  if (!pending) return;
  instances.delete(key);
  const db = await pending.catch(() => null);
  if (db && !db.closed) await db.close();
}
