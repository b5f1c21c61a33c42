// Loads the catalog lazily, once per file per process (concurrent callers share one promise).
import fs from "node:fs";
import path from "node:path";
import { Catalog } from "./catalog";
import { readCatalogFile } from "./read-catalog-file";

const loaded = new Map<string, Promise<Catalog>>();

/** Walks up from `start` to the folder holding pnpm-workspace.yaml (the repo root). */
export function findRepoRoot(start = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

export function defaultCatalogPath(): string {
  return path.join(findRepoRoot(), "data", "catalog", "spotify_tracks.csv.gz");
}

export function loadCatalog(options: { path?: string } = {}): Promise<Catalog> {
  const file = path.resolve(options.path ?? defaultCatalogPath());
  let promise = loaded.get(file);
  if (!promise) {
    promise = readCatalogFile(file).then((data) => new Catalog(data));
    // A failed load is not cached, so a later call can retry (e.g. after the file is restored).
    promise.catch(() => loaded.delete(file));
    loaded.set(file, promise);
  }
  return promise;
}
