// Bench-only I/O: the 114,000-row public tracks catalog, decompressed in memory. The product's one reader of this
// file is @anisong/providers' (parseCatalogCsv), but providers depends on core-ml, so a devDependency back on it would
// make a workspace cycle (Turborepo refuses one). This reader only needs the ids and the nine raw columns, all rows,
// unvalidated and unmerged: the benchmark times every one of the 114,000 rows.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { FEATURE_NAMES, type TAudioFeatures } from "../src";

/** Walks up from the working directory to the workspace root (the folder holding pnpm-workspace.yaml). */
export function findRepoRoot(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}

export interface TBenchCatalog {
  trackIds: string[];
  features: TAudioFeatures[];
  /** Raw features, row-major n × 9 in FEATURE_NAMES order. */
  raw: Float64Array;
  /** Track title and lead artist (the first of the ;-separated artists), for the steered recommend's keys. */
  titles: string[];
  leadArtists: string[];
}

export function loadCatalog(file = join(findRepoRoot(), "data", "catalog", "spotify_tracks.csv.gz")): TBenchCatalog {
  const records = parse(gunzipSync(readFileSync(file)), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const d = FEATURE_NAMES.length;
  const raw = new Float64Array(records.length * d);
  const trackIds: string[] = [];
  const features: TAudioFeatures[] = [];
  const titles: string[] = [];
  const leadArtists: string[] = [];
  records.forEach((r, i) => {
    const f = Object.fromEntries(FEATURE_NAMES.map((name) => [name, Number(r[name])])) as TAudioFeatures;
    FEATURE_NAMES.forEach((name, j) => (raw[i * d + j] = f[name]));
    trackIds.push(r.track_id!);
    features.push(f);
    titles.push(r.track_name ?? "");
    leadArtists.push((r.artists ?? "").split(";")[0]!.trim());
  });
  return { trackIds, features, raw, titles, leadArtists };
}
