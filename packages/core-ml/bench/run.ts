// `pnpm --filter @anisong/core-ml bench`: k-means, exact silhouette and recommend on the real 114,000-track catalog,
// with scikit-learn timed on the same matrices when Debian's python3-sklearn is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { kmeans as mlKmeans } from "ml-kmeans";
import {
  FEATURE_NAMES,
  StandardScaler,
  createModelArtifact,
  createRandom,
  kmeansFlat,
  prepareCatalog,
  recommend,
  silhouetteScoreFlat,
  toRows,
} from "../src";
import { loadCatalog } from "./load-catalog";

const PYTHON = "/usr/bin/python3";
const SILHOUETTE_POINTS = 20_000;
const QUERIES = 1_000;
const d = FEATURE_NAMES.length;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function sklearnAvailable(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import sklearn"]).status === 0;
}

function main(): void {
  const t0 = process.hrtime.bigint();
  const catalog = loadCatalog();
  const n = catalog.trackIds.length;
  const loadSeconds = seconds(t0);
  const scaler = StandardScaler.fit(toRows({ data: catalog.raw, rows: n, cols: d }));
  const X = scaler.transformFlat(catalog.raw);
  console.log(`catalog: ${n} rows × ${d} features, loaded in ${loadSeconds.toFixed(2)} s; ${cpus().length} CPUs`);

  // k-means: best of two runs (other processes share the cores).
  const kmRuns: number[] = [];
  let km = kmeansFlat(X, n, d, 5, { nInit: 10, seed: 0 });
  for (let r = 0; r < 2; r++) {
    const t = process.hrtime.bigint();
    km = kmeansFlat(X, n, d, 5, { nInit: 10, seed: 0 });
    kmRuns.push(seconds(t));
  }
  const kmSeconds = Math.min(...kmRuns);
  console.log(`core-ml kmeans: ${kmSeconds.toFixed(3)} s, inertia ${km.inertia.toFixed(2)}, ${km.iterations} iterations`);

  // ml-kmeans for comparison (no nInit option: ten seeded runs, keep the lowest inertia).
  const rows = toRows({ data: X, rows: n, cols: d });
  let mlInertia = Infinity;
  const tMl = process.hrtime.bigint();
  for (let seed = 0; seed < 10; seed++) {
    const r = mlKmeans(rows, 5, { seed, initialization: "kmeans++", maxIterations: 300 });
    let inertia = 0;
    r.clusters.forEach((c, i) => {
      const centre = r.centroids[c]!;
      for (let j = 0; j < d; j++) inertia += (rows[i]![j]! - centre[j]!) ** 2;
    });
    mlInertia = Math.min(mlInertia, inertia);
  }
  const mlSeconds = seconds(tMl);
  console.log(`ml-kmeans (10 runs): ${mlSeconds.toFixed(3)} s, inertia ${mlInertia.toFixed(2)}`);

  // Exact silhouette on a seeded sample of 20,000 points, labelled by the k-means above.
  const rng = createRandom(1);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const pick = order.slice(0, SILHOUETTE_POINTS);
  const S = new Float64Array(SILHOUETTE_POINTS * d);
  const subsetLabels = new Int32Array(SILHOUETTE_POINTS);
  pick.forEach((row, i) => {
    S.set(X.subarray(row * d, row * d + d), i * d);
    subsetLabels[i] = km.labels[row]!;
  });
  const tSil = process.hrtime.bigint();
  const sil = silhouetteScoreFlat(S, SILHOUETTE_POINTS, d, subsetLabels);
  const silSeconds = seconds(tSil);
  console.log(`core-ml silhouette (${SILHOUETTE_POINTS}): ${silSeconds.toFixed(3)} s, score ${sil.toFixed(6)}`);

  // recommend over the whole prepared catalog.
  const model = createModelArtifact({
    featureNames: [...FEATURE_NAMES],
    scaler: scaler.toJSON(),
    k: 5,
    centroids: toRows({ data: km.centroids, rows: 5, cols: d }),
    assignment: "cosine",
    inertia: km.inertia,
    silhouette: sil,
    trainingRows: n,
    trainingDataHash: "bench",
  });
  const songs = catalog.trackIds.map((trackId, i) => ({ trackId, features: catalog.features[i]!, cluster: km.labels[i]! }));
  const tPrep = process.hrtime.bigint();
  const prepared = prepareCatalog(model, songs);
  const prepSeconds = seconds(tPrep);
  const latencies: number[] = [];
  for (let q = 0; q < QUERIES + 100; q++) {
    const i = order[n - 1 - q]!;
    const t = process.hrtime.bigint();
    const r = recommend(model, { trackId: catalog.trackIds[i], features: catalog.features[i]! }, prepared, { topN: 10 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.items.length !== 10) throw new Error("recommend returned fewer than 10 songs");
    if (q >= 100) latencies.push(ms); // first 100 are JIT warm-up
  }
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(`recommend: prepare ${prepSeconds.toFixed(3)} s for ${prepared.size} distinct tracks; p50 ${p50.toFixed(4)} ms, p99 ${p99.toFixed(4)} ms`);

  // scikit-learn on the same matrices.
  let sk: Record<string, unknown> | null = null;
  let skSingle: Record<string, unknown> | null = null;
  let skNote = "";
  if (sklearnAvailable()) {
    const folder = mkdtempSync(join(tmpdir(), "core-ml-bench-"));
    try {
      const le = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      writeFileSync(join(folder, "scaled.f64"), le(X));
      writeFileSync(join(folder, "subset.f64"), le(S));
      writeFileSync(join(folder, "subset_labels.i32"), le(subsetLabels));
      const runPython = (mode: string, env: NodeJS.ProcessEnv) => {
        const py = spawnSync(PYTHON, [join(__dirname, "sklearn_bench.py"), folder, String(n), String(d), String(SILHOUETTE_POINTS), mode], {
          encoding: "utf8",
          maxBuffer: 1 << 20,
          env: { ...process.env, ...env },
        });
        if (py.status !== 0) throw new Error(`scikit-learn run failed: ${py.stderr.trim().split("\n").pop()}`);
        return JSON.parse(py.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
      };
      try {
        sk = runPython("all", {});
        // Same k-means pinned to one thread: the like-for-like figure for single-threaded JavaScript.
        skSingle = runPython("kmeans", { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" });
      } catch (e) {
        skNote = (e as Error).message;
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  } else {
    skNote = `${PYTHON} with scikit-learn not found (apt-get install -y python3-sklearn): comparison skipped`;
  }
  if (skNote) console.log(skNote);

  const fmt = (v: unknown, digits = 3) => (typeof v === "number" ? v.toFixed(digits) : "—");
  const table = [
    ["task", "core-ml (1 thread)", `scikit-learn (${cpus().length} threads)`, "scikit-learn (1 thread)", "ml-kmeans"],
    [`k-means k=5 nInit=10, ${n}×${d} (s)`, fmt(kmSeconds), fmt(sk?.kmeans_seconds), fmt(skSingle?.kmeans_seconds), fmt(mlSeconds)],
    ["  inertia", fmt(km.inertia, 1), fmt(sk?.kmeans_inertia, 1), fmt(skSingle?.kmeans_inertia, 1), fmt(mlInertia, 1)],
    [`exact silhouette, ${SILHOUETTE_POINTS} points (s)`, fmt(silSeconds), fmt(sk?.silhouette_seconds), "—", "—"],
    ["  score", fmt(sil, 6), fmt(sk?.silhouette, 6), "—", "—"],
    [`recommend p50 / p99, ${QUERIES} queries (ms)`, `${fmt(p50, 4)} / ${fmt(p99, 4)}`, "—", "—", "—"],
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  console.log("\n" + table.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")).join("\n"));

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    rows: n,
    coreMl: {
      kmeans: { seconds: kmSeconds, runs: kmRuns, inertia: km.inertia, iterations: km.iterations },
      silhouette: { points: SILHOUETTE_POINTS, seconds: silSeconds, score: sil },
      recommend: { queries: QUERIES, prepareSeconds: prepSeconds, p50Ms: p50, p99Ms: p99, distinctTracks: prepared.size },
    },
    mlKmeans: { seconds: mlSeconds, inertia: mlInertia },
    sklearn: sk ?? { skipped: skNote },
    sklearnSingleThread: skSingle,
  };
  writeFileSync(join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${join(__dirname, "results.json")}`);
}

main();
