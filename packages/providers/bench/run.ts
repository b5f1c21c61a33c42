// Catalog benchmark: load (parse + index) time and search latency over a few hundred listener-style queries.
// Run: pnpm --filter @anisong/providers bench
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readCatalogFile } from "../src/catalog/read-catalog-file";
import { Catalog } from "../src/catalog/catalog";
import { defaultCatalogPath, readCatalog } from "../src/catalog/load-catalog";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Deterministic typo: swap two middle letters of the first word longer than 4 characters. */
function typo(s: string): string {
  return s.replace(/\p{L}{5,}/u, (w) => w.slice(0, 2) + w[3] + w[2] + w.slice(4));
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const data = await readCatalogFile(defaultCatalogPath());
  const t1 = performance.now();
  const catalog = Catalog.build(data);
  const t2 = performance.now();
  console.log(`catalog: ${catalog.stats.rows} rows, ${catalog.size} tracks, ${catalog.stats.postings} postings`);
  console.log(`cold load: read+parse+merge ${(t1 - t0).toFixed(0)} ms, index ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms`);

  // The derived cache: write once into a fresh folder, then time reads from it.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-bench-cache-"));
  try {
    const t3 = performance.now();
    await readCatalog(defaultCatalogPath(), cacheDir);
    const t4 = performance.now();
    const cached = await readCatalog(defaultCatalogPath(), cacheDir);
    const t5 = performance.now();
    const size = fs
      .readdirSync(cacheDir)
      .map((f) => fs.statSync(path.join(cacheDir, f)).size)
      .reduce((a, b) => a + b, 0);
    console.log(
      `cache: first load (build + write) ${(t4 - t3).toFixed(0)} ms, cached load ${(t5 - t4).toFixed(0)} ms (origin ${cached.origin}), file ${(size / 1e6).toFixed(1)} MB`,
    );
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }

  // Every 300th track, queried four ways: title+artist, title only, typo'd title, artist only.
  const queries: { title?: string; artist?: string }[] = [];
  for (let slot = 0; slot < data.ids.length; slot += 300) {
    const title = data.titles[slot]!;
    const artist = data.artists[slot]![0] ?? "";
    if (!title) continue;
    queries.push({ title, artist }, { title }, { title: typo(title) }, { artist });
  }
  queries.push({ title: "City of Stars" }, { title: "Levitating", artist: "Dua Lipa" }, { title: "紅蓮華" }, { title: "しるえっと" });

  for (const q of queries.slice(0, 50)) catalog.search(q); // warm-up (JIT)
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    const results = catalog.search(q, { limit: 10 });
    times.push(performance.now() - t);
    if (results[0]?.confident) hits++;
  }
  times.sort((a, b) => a - b);
  console.log(
    `search: ${times.length} queries, p50 ${percentile(times, 50).toFixed(2)} ms, p90 ${percentile(times, 90).toFixed(2)} ms, ` +
      `p99 ${percentile(times, 99).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms; confident top hit for ${hits}/${times.length}`,
  );
  const ids = data.ids.slice(0, 1000);
  const t3 = performance.now();
  for (const id of ids) catalog.getById(id);
  console.log(`getById: ${(((performance.now() - t3) / ids.length) * 1000).toFixed(1)} µs per lookup`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
