// Benchmarks (not tests): `pnpm --filter @anisong/pipeline bench`.
//  1. `pipeline all` on the 438 seed songs and on the anime-catalog dataset, into a fresh temp PGlite each run;
//  2. ingest rate (songs/s) into PGlite and PostgreSQL: the 438 seed songs, the 1,375-song anime set, and all
//     ~89k distinct catalog tracks placed with the seed model (to measure bulk throughput).
// PostgreSQL: a throwaway database on TEST_DATABASE_URL (default postgres@127.0.0.1:5432); skipped if unreachable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assignCluster, deriveClusterLabel, parseModelArtifact, scaleFeatures, type TModelArtifact } from "@anisong/core-ml";
import { createTestDatabase, findRepoRoot } from "@anisong/db";
import { ingestModel, readCsvBytes, validateSongTable, type TIngestSong } from "@anisong/ingest";
import { artifactPaths, CATALOG_COLUMNS, createMemoryLogger, resolvePipelineConfig, runAll, type TPipelineConfigInput } from "../src";

const root = findRepoRoot();
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeAll(
  label: string,
  input: TPipelineConfigInput,
): Promise<{ label: string; ms: number[]; model: TModelArtifact; songs: number }> {
  const ms: number[] = [];
  let model: TModelArtifact | null = null;
  let songs = 0;
  for (let i = 0; i < REPEATS; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-bench-"));
    const config = resolvePipelineConfig({
      ...input,
      paths: {
        seed: path.join(root, "data/raw/anime_songs.csv"),
        catalog: path.join(root, "data/catalog/spotify_tracks.csv.gz"),
        sample: path.join(root, "data/sample/sample_search_songs.csv"),
        rawStore: path.join(dir, "store"),
        interim: path.join(dir, "interim"),
        processed: path.join(dir, "processed"),
        final: path.join(dir, "final"),
        reports: path.join(dir, "reports"),
        models: path.join(dir, "models"),
      },
    });
    const started = performance.now();
    await runAll({ config, flags: {}, log: createMemoryLogger(), database: { kind: "pglite", dataDir: path.join(dir, "pglite") } });
    ms.push(performance.now() - started);
    const p = artifactPaths(config);
    model = parseModelArtifact(JSON.parse(fs.readFileSync(p.activeModel, "utf8")));
    songs = JSON.parse(fs.readFileSync(p.ingestReport, "utf8")).songsTotal;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { label, ms, model: model!, songs };
}

function catalogSongs(model: TModelArtifact): TIngestSong[] {
  const table = readCsvBytes(fs.readFileSync(path.join(root, "data/catalog/spotify_tracks.csv.gz")), "spotify_tracks.csv.gz");
  const { songs } = validateSongTable(table, { file: "spotify_tracks.csv.gz", columns: CATALOG_COLUMNS, source: "catalog" });
  return songs.map((s) => ({
    ...s,
    cluster: assignCluster(scaleFeatures(model, s.features), model.centroids, { metric: model.assignment }),
  }));
}

async function ingestRate(kind: "pglite" | "postgres", model: TModelArtifact, songs: TIngestSong[]): Promise<number | null> {
  let t;
  try {
    t = await createTestDatabase({ kind });
  } catch (error) {
    console.error(`  (${kind} unavailable: ${(error as Error).message})`);
    return null;
  }
  try {
    const clusters = model.centroids.map((centroid, index) => ({
      index,
      centroid,
      label: deriveClusterLabel(centroid, model.featureNames),
      size: songs.filter((s) => s.cluster === index).length,
    }));
    const result = await ingestModel(t.db, { artifact: model, clusters, songs });
    return songs.length / (result.durationMs / 1000);
  } finally {
    await t.drop();
  }
}

async function main() {
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}, median of ${REPEATS} run(s)\n`);
  const seed = await timeAll("seed (438 songs)", {});
  // The anime-catalog model does not reach the 0.2 sample-silhouette threshold; lower it here to time the whole chain.
  const anime = await timeAll("anime-catalog", { dataset: "anime-catalog", evaluate: { threshold: -1 } });
  console.log("| `pipeline all` (into a fresh PGlite) | songs | median | runs (s) |\n| --- | ---: | ---: | --- |");
  for (const r of [seed, anime])
    console.log(
      `| ${r.label} | ${r.songs} | ${(median(r.ms) / 1000).toFixed(2)} s | ${r.ms.map((m) => (m / 1000).toFixed(2)).join(", ")} |`,
    );

  const sets: { label: string; songs: TIngestSong[] }[] = [];
  const all = catalogSongs(seed.model);
  sets.push({ label: `catalog tracks (${all.length})`, songs: all });
  console.log("\n| ingest (one transaction) | PGlite songs/s | PostgreSQL songs/s |\n| --- | ---: | ---: |");
  for (const set of [
    { label: "first 438 catalog tracks", songs: all.slice(0, 438) },
    { label: "first 1,375 catalog tracks", songs: all.slice(0, 1375) },
    ...sets,
  ]) {
    const pg = await ingestRate("pglite", seed.model, set.songs);
    const pq = await ingestRate("postgres", seed.model, set.songs);
    const f = (v: number | null) => (v === null ? "n/a" : Math.round(v).toLocaleString("en-US"));
    console.log(`| ${set.label} | ${f(pg)} | ${f(pq)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
