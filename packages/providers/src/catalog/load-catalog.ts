// Loads the catalog lazily, once per file per process (concurrent callers share one promise), through the
// derived cache when one matches the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Catalog } from "./catalog";
import { catalogCacheKey, catalogCachePath, readCatalogCache, writeCatalogCache } from "./catalog-cache";
import { parseCatalogCsv, readCatalogBytes } from "./read-catalog-file";

export type TLoadCatalogOptions = {
  /** Default: data/catalog/spotify_tracks.csv.gz at the repo root. */
  path?: string;
  /** Folder for the derived cache; false to always parse and index. Default: <os tmp>/anisong-catalog-cache. */
  cacheDir?: string | false;
};

// Kept on globalThis: Next compiles instrumentation.ts (which warms the catalog) and the route handlers into
// separate module copies, and a module-level Map held one 66 MB catalog per copy (seen in a heap snapshot).
const LOADED = Symbol.for("anisong.providers.loaded-catalogs");
const loadedHolder = globalThis as typeof globalThis & { [LOADED]?: Map<string, Promise<Catalog>> };
const loaded = (loadedHolder[LOADED] ??= new Map<string, Promise<Catalog>>());

/** Walks up from `start` to the folder holding pnpm-workspace.yaml (the repo root). */
export function findRepoRoot(start = process.cwd()): string {
  let dir = path.resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ start);
    dir = parent;
  }
}

export function defaultCatalogPath(): string {
  return path.join(findRepoRoot(), "data", "catalog", "spotify_tracks.csv.gz");
}

export function defaultCatalogCacheDir(): string {
  return path.join(os.tmpdir(), "anisong-catalog-cache");
}

/** How a read went through the derived cache: off, read from it, or built and written (or not: `writeError`). */
export type TCatalogRead =
  | { catalog: Catalog; cache: "off" }
  | { catalog: Catalog; cache: "read" | "written"; cacheFile: string }
  | { catalog: Catalog; cache: "unwritten"; cacheFile: string; writeError: unknown };

/** Reads the catalog without the per-process memo: from a matching cache, else parsed, indexed and cached. */
export async function readCatalog(file: string, cacheDir: string | false): Promise<Catalog> {
  // The cache only saves time: a read-only or full disk must not fail the load.
  return (await readCatalogThroughCache(file, cacheDir)).catalog;
}

/** readCatalog, saying what it did with the cache (warm-catalog-cache.ts reports it). */
export async function readCatalogThroughCache(file: string, cacheDir: string | false): Promise<TCatalogRead> {
  const source = await readCatalogBytes(file);
  if (cacheDir === false) return { catalog: Catalog.build(await parseCatalogCsv(source, file)), cache: "off" };
  const key = catalogCacheKey(source);
  const cacheFile = catalogCachePath(cacheDir, file, key);
  const snapshot = await readCatalogCache(cacheFile, key);
  if (snapshot) return { catalog: Catalog.fromSnapshot(snapshot), cache: "read", cacheFile };
  const catalog = Catalog.build(await parseCatalogCsv(source, file));
  try {
    await writeCatalogCache(cacheFile, key, catalog.toSnapshot());
    return { catalog, cache: "written", cacheFile };
  } catch (writeError) {
    return { catalog, cache: "unwritten", cacheFile, writeError };
  }
}

/** The catalog file `options` name, as an absolute path (the memo's and the cache's key). */
export function catalogFileOf(options: TLoadCatalogOptions): string {
  return path.resolve(/*turbopackIgnore: true*/ options.path ?? defaultCatalogPath());
}

export function loadCatalog(options: TLoadCatalogOptions = {}): Promise<Catalog> {
  const file = catalogFileOf(options);
  let promise = loaded.get(file);
  if (!promise) {
    promise = readCatalog(file, options.cacheDir ?? defaultCatalogCacheDir());
    // A failed load is not cached, so a later call can retry (e.g. after the file is restored).
    promise.catch(() => loaded.delete(file));
    loaded.set(file, promise);
  }
  return promise;
}
