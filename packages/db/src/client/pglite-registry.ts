// PGlite is a single-connection, in-process PostgreSQL: a data folder must be opened by one process, once.
// - Within a process, every caller (Prisma client, migration runner) gets the same instance per folder; the
//   registry lives on globalThis so duplicated module copies (bundlers, test runners) share it.
// - Across processes, a lock file beside the folder (<folder>.lock, holding the owner's pid) turns a second
//   opener into a clear error instead of two servers corrupting one data directory. A lock whose process is
//   gone is stale and taken over.
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { DatabaseError } from "../errors/database-error";
import { PGliteThread } from "./pglite-thread/pglite-thread";

export class PGliteLockedError extends DatabaseError {
  override name = "PGliteLockedError";
  constructor(message: string) {
    super("locked", message);
  }
}

// A folder is open either on this thread (instances) or in its own database thread (threads), never both.
type TRegistry = { instances: Map<string, Promise<PGlite>>; threads?: Map<string, Promise<PGliteThread>>; locks: Set<string> };
const KEY = Symbol.for("anisong.db.pglite-registry");
const holder = globalThis as typeof globalThis & { [KEY]?: TRegistry };
const registry: TRegistry = (holder[KEY] ??= { instances: new Map(), locks: new Set() });
const threads = (registry.threads ??= new Map());

// initdb writes shared_buffers = 128MB, and PGlite's WebAssembly heap touches all of it at start: 114 MB of
// resident memory more than 16MB (measured: 322 → 208 MB RSS for an opened, read database; 183 MB with 8MB).
// Anisong's whole database is a few MB (the anime library, models, recommendations), so 8 MB of buffers holds its
// hot part; 8 rather than 16 since PGlite got a thread of its own, whose isolate costs the server ~10 MB more.
const PGLITE_MEMORY_PARAMS = ["-c", "shared_buffers=8MB"];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFileFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function acquireLock(dataDir: string): void {
  const lock = lockFileFor(dataDir);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      registry.locks.add(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(fs.readFileSync(lock, "utf8"), 10);
    if (owner === process.pid) {
      registry.locks.add(lock);
      return;
    }
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new PGliteLockedError(
        `the embedded database ${dataDir} is open in process ${owner}; PGlite allows one process per folder. ` +
          `Stop that process (or remove ${lock} if it is not an Anisong process), or use PostgreSQL via DATABASE_URL.`,
      );
    }
    fs.rmSync(lock, { force: true }); // stale: its process is gone
  }
  throw new PGliteLockedError(`could not lock ${dataDir} (${lock} keeps reappearing)`);
}

function releaseLock(dataDir: string): void {
  const lock = lockFileFor(dataDir);
  if (!registry.locks.delete(lock)) return;
  try {
    if (Number.parseInt(fs.readFileSync(lock, "utf8"), 10) === process.pid) fs.rmSync(lock, { force: true });
  } catch {
    // already gone
  }
}

process.once("exit", () => {
  for (const lock of registry.locks) {
    try {
      if (Number.parseInt(fs.readFileSync(lock, "utf8"), 10) === process.pid) fs.rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  }
});

function otherModeHolds(key: string, wanted: "thread" | "in-process"): PGliteLockedError | null {
  const open = wanted === "thread" ? registry.instances.has(key) : threads.has(key);
  if (!open) return null;
  return new PGliteLockedError(
    `the embedded database ${key} is already open ${wanted === "thread" ? "on this thread" : "in this process's database thread"}; ` +
      "close it first (closePGlite) — one PGlite instance per folder.",
  );
}

export function openPGlite(dataDir: string): Promise<PGlite> {
  const key = path.resolve(dataDir);
  let pending = registry.instances.get(key);
  if (!pending) {
    const held = otherModeHolds(key, "in-process");
    if (held) return Promise.reject(held);
    pending = (async () => {
      acquireLock(key);
      try {
        fs.mkdirSync(key, { recursive: true });
        const { PGlite } = await import("@electric-sql/pglite");
        const db = new PGlite(key, { startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_PARAMS] });
        await db.waitReady;
        return db;
      } catch (error) {
        releaseLock(key);
        throw error;
      }
    })();
    registry.instances.set(key, pending);
    pending.catch(() => registry.instances.delete(key));
  }
  return pending;
}

/**
 * The folder opened in its own worker thread (the web server's choice, see pglite-thread.ts); shared per folder.
 * A thread that ends without closePGlite (a crash) leaves the registry, so the next call opens a new one.
 */
export function openPGliteThread(dataDir: string): Promise<PGliteThread> {
  const key = path.resolve(dataDir);
  let pending = threads.get(key);
  if (!pending) {
    const held = otherModeHolds(key, "thread");
    if (held) return Promise.reject(held);
    const opening: Promise<PGliteThread> = (async () => {
      acquireLock(key); // the thread is this process: the same pid-owned lock keeps other processes out
      try {
        fs.mkdirSync(key, { recursive: true });
        return await PGliteThread.open({
          dataDir: key,
          extraStartParams: PGLITE_MEMORY_PARAMS,
          onExit: () => threads.get(key) === opening && threads.delete(key),
        });
      } catch (error) {
        releaseLock(key);
        throw error;
      }
    })();
    pending = opening;
    threads.set(key, pending);
    pending.catch(() => threads.delete(key));
  }
  return pending;
}

export async function closePGlite(dataDir: string): Promise<void> {
  const key = path.resolve(dataDir);
  const thread = threads.get(key);
  if (thread) {
    threads.delete(key);
    await (await thread.catch(() => null))?.close();
    releaseLock(key);
    return;
  }
  const pending = registry.instances.get(key);
  if (!pending) return;
  registry.instances.delete(key);
  const db = await pending.catch(() => null);
  if (db && !db.closed) await db.close();
  releaseLock(key);
}
