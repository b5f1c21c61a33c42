// `pnpm --filter @anisong/core-ml bench`: k-means, exact silhouette and recommend on the real 114,000-track catalog,
// with scikit-learn timed on the same matrices when Debian's python3-sklearn is installed. The machine is shared, so
// core-ml and scikit-learn measurements alternate (A B A B, BENCH_ROUNDS rounds, default 3) and each row reports the
// ratio of the medians from this run. BENCH_ONLY=recommend fits k-means once (for the clusters) and times only the
// two recommend rows.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { kmeans as mlKmeans } from "ml-kmeans";
import {
  FEATURE_NAMES,
  StandardScaler,
  createModelArtifact,
  createRandom,
  kmeansFlat,
  prepareLibrary,
  recommend,
  recommendSteered,
  silhouetteScoreFlat,
  toRows,
} from "../src";
import { KMeansPool, SilhouettePool } from "../src/parallel";
import { loadCatalog } from "./load-catalog";

const PYTHON = "/usr/bin/python3";
const SILHOUETTE_POINTS = 20_000;
const QUERIES = 1_000;
// The steered row's p99 rests on its ten slowest queries in 1,000, and a handful of those are a young-generation
// collection (about 1.2 ms, every ~350 queries) or the OS scheduling another process: 5,000 give it fifty.
const STEER_QUERIES = 5_000;
const RECOMMEND_ONLY = process.env.BENCH_ONLY === "recommend";
const ROUNDS = RECOMMEND_ONLY ? 0 : Number(process.env.BENCH_ROUNDS ?? 3);
const K = 5;
const N_INIT = 10;
const d = FEATURE_NAMES.length;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Process CPU time since `start` (all threads, workers included), in seconds. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function sklearnAvailable(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import sklearn, threadpoolctl"]).status === 0;
}

interface TSklearnRun {
  seconds: number;
  /** Process CPU time, all threads (time.process_time). */
  cpu_seconds: number;
  inertia?: number;
  iterations?: number;
  score?: number;
}

/** One scikit-learn measurement in a fresh process pinned to `threads` threads (OpenMP, BLAS and threadpoolctl). */
function runSklearn(folder: string, n: number, m: number, task: "kmeans" | "silhouette", threads: number): TSklearnRun {
  const t = String(threads);
  const py = spawnSync(PYTHON, [join(__dirname, "sklearn_bench.py"), folder, String(n), String(d), String(m), task, t], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    env: { ...process.env, OMP_NUM_THREADS: t, OPENBLAS_NUM_THREADS: t, MKL_NUM_THREADS: t },
  });
  if (py.status !== 0) throw new Error(`scikit-learn run failed: ${py.stderr.trim().split("\n").pop()}`);
  return JSON.parse(py.stdout.trim().split("\n").pop()!) as TSklearnRun;
}

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const catalog = loadCatalog();
  const n = catalog.trackIds.length;
  const loadSeconds = seconds(t0);
  const scaler = StandardScaler.fit(toRows({ data: catalog.raw, rows: n, cols: d }));
  const X = scaler.transformFlat(catalog.raw);
  console.log(`catalog: ${n} rows × ${d} features, loaded in ${loadSeconds.toFixed(2)} s; ${cpus().length} CPUs; ${ROUNDS} rounds`);
  const openblasEnv = Object.entries(process.env).filter(([key]) => key.startsWith("OPENBLAS_"));
  if (openblasEnv.length > 0) console.log(`environment (left as is): ${openblasEnv.map(([key, v]) => `${key}=${v}`).join(" ")}`);

  // Warm-up (JIT) run; its labels feed the silhouette and recommend sections.
  const km = kmeansFlat(X, n, d, K, { nInit: N_INIT, seed: 0 });
  const tPool = process.hrtime.bigint();
  const pool = await KMeansPool.create({ threads: RECOMMEND_ONLY ? 1 : 2 });
  const poolStartSeconds = seconds(tPool);
  if (!RECOMMEND_ONLY) await pool.kmeansFlat(X.subarray(0, 20_000 * d), 20_000, d, K, { nInit: 2, seed: 0 }); // JIT-warms the workers

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

  let skNote = RECOMMEND_ONLY
    ? "BENCH_ONLY=recommend: scikit-learn skipped"
    : sklearnAvailable()
      ? ""
      : `${PYTHON} with scikit-learn not found (apt-get install -y python3-sklearn): comparison skipped`;
  const folder = mkdtempSync(join(tmpdir(), "core-ml-bench-"));
  const le = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(join(folder, "scaled.f64"), le(X));
  writeFileSync(join(folder, "subset.f64"), le(S));
  writeFileSync(join(folder, "subset_labels.i32"), le(subsetLabels));
  const sk = (task: "kmeans" | "silhouette", threads: number): TSklearnRun | null => {
    if (skNote) return null;
    try {
      return runSklearn(folder, n, SILHOUETTE_POINTS, task, threads);
    } catch (e) {
      skNote = (e as Error).message;
      return null;
    }
  };

  // k-means, A B A B: core-ml 1 thread, scikit-learn 1 thread, core-ml 2 threads (warm pool), scikit-learn 2 threads.
  const runs = { core1: [] as number[], sk1: [] as TSklearnRun[], core2: [] as number[], sk2: [] as TSklearnRun[] };
  const cpu = { core1: [] as number[], core2: [] as number[] };
  let km2 = km;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      let t = process.hrtime.bigint();
      let c = process.cpuUsage();
      const one = kmeansFlat(X, n, d, K, { nInit: N_INIT, seed: 0 });
      runs.core1.push(seconds(t));
      cpu.core1.push(cpuSeconds(c));
      if (one.inertia !== km.inertia) throw new Error("core-ml k-means is not deterministic");
      const s1 = sk("kmeans", 1);
      if (s1) runs.sk1.push(s1);
      t = process.hrtime.bigint();
      c = process.cpuUsage();
      km2 = await pool.kmeansFlat(X, n, d, K, { nInit: N_INIT, seed: 0 });
      runs.core2.push(seconds(t));
      cpu.core2.push(cpuSeconds(c));
      const s2 = sk("kmeans", 2);
      if (s2) runs.sk2.push(s2);
      console.log(
        `round ${r + 1}: core-ml ${runs.core1[r]!.toFixed(3)} s / ${runs.core2[r]!.toFixed(3)} s (1 / 2 threads), ` +
          `scikit-learn ${s1?.seconds.toFixed(3) ?? "—"} s / ${s2?.seconds.toFixed(3) ?? "—"} s`,
      );
    }
  } finally {
    await pool.close();
  }
  if (km2.inertia !== km.inertia || km2.labels.some((l, i) => l !== km.labels[i])) {
    throw new Error("the 2-thread k-means differs from the 1-thread run");
  }

  // Silhouette, A B C A B C: core-ml single-threaded, core-ml on a warm 2-thread pool, scikit-learn with 2 threads (its
  // default here).
  const silRuns = { core: [] as number[], coreCpu: [] as number[], core2: [] as number[], sk: [] as TSklearnRun[] };
  let sil = 0;
  const silPool = await SilhouettePool.create({ threads: RECOMMEND_ONLY ? 1 : 2 });
  if (!RECOMMEND_ONLY) await silPool.silhouetteScoreFlat(S.subarray(0, 2000 * d), 2000, d, subsetLabels.subarray(0, 2000)); // JIT-warms the workers
  for (let r = 0; r < Math.min(ROUNDS, 2); r++) {
    let t = process.hrtime.bigint();
    const c = process.cpuUsage();
    sil = silhouetteScoreFlat(S, SILHOUETTE_POINTS, d, subsetLabels);
    silRuns.core.push(seconds(t));
    silRuns.coreCpu.push(cpuSeconds(c));
    t = process.hrtime.bigint();
    const sil2 = await silPool.silhouetteScoreFlat(S, SILHOUETTE_POINTS, d, subsetLabels);
    silRuns.core2.push(seconds(t));
    if (Math.abs(sil2 - sil) > 1e-12) throw new Error(`the 2-thread silhouette differs: ${sil2} vs ${sil}`);
    const s = sk("silhouette", 2);
    if (s) silRuns.sk.push(s);
  }
  await silPool.close();
  rmSync(folder, { recursive: true, force: true });
  if (skNote) console.log(skNote);

  // ml-kmeans for comparison (no nInit option: ten seeded runs, keep the lowest inertia). BENCH_ML_KMEANS=0 skips it.
  let mlSeconds = NaN;
  let mlInertia = NaN;
  if (process.env.BENCH_ML_KMEANS !== "0" && !RECOMMEND_ONLY) {
    const rows = toRows({ data: X, rows: n, cols: d });
    mlInertia = Infinity;
    const tMl = process.hrtime.bigint();
    for (let seed = 0; seed < 10; seed++) {
      const r = mlKmeans(rows, K, { seed, initialization: "kmeans++", maxIterations: 300 });
      let inertia = 0;
      r.clusters.forEach((c, i) => {
        const centre = r.centroids[c]!;
        for (let j = 0; j < d; j++) inertia += (rows[i]![j]! - centre[j]!) ** 2;
      });
      mlInertia = Math.min(mlInertia, inertia);
    }
    mlSeconds = seconds(tMl);
  }

  // recommend over the whole prepared catalog.
  const model = createModelArtifact({
    featureNames: [...FEATURE_NAMES],
    scaler: scaler.toJSON(),
    k: K,
    centroids: toRows({ data: km.centroids, rows: K, cols: d }),
    assignment: "cosine",
    inertia: km.inertia,
    silhouette: sil,
    trainingRows: n,
    trainingDataHash: "bench",
  });
  const songs = catalog.trackIds.map((trackId, i) => ({ trackId, features: catalog.features[i]!, cluster: km.labels[i]! }));
  const tPrep = process.hrtime.bigint();
  const prepared = prepareLibrary(model, songs);
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

  // recommendSteered with every option on, on the same catalog keyed by title and lead artist (lower-cased; the
  // apps key with @anisong/library, which core-ml cannot import): 5 seeds, 5 avoided songs, all five targets, a tempo
  // range, variety 0.3, 50 results, one per artist, and 1,000 boosts.
  const keyedSongs = songs.map((s, i) => {
    const artist = catalog.leadArtists[i]!.toLowerCase();
    return { ...s, songKey: `${catalog.titles[i]!.toLowerCase()}|${artist}`, artistKey: artist || undefined };
  });
  const tSteerPrep = process.hrtime.bigint();
  const keyedLibrary = prepareLibrary(model, keyedSongs);
  const steerPrepSeconds = seconds(tSteerPrep);
  const boosts = new Map(Array.from({ length: 1000 }, (_, b) => [catalog.trackIds[order[b]!]!, ((b % 21) - 10) / 100]));
  const given = (from: number) =>
    Array.from({ length: 5 }, (_, s) => ({ trackId: catalog.trackIds[order[from + s]!]!, features: catalog.features[order[from + s]!]! }));
  // Settle the heap first: the setup above (the catalog, k-means, two prepared libraries) leaves ~75 MB of garbage
  // whose full collection otherwise runs, in incremental steps of up to 8–12 ms, into the first measured queries;
  // a server prepares its library once at start, long before its queries. (`gc` without --expose-gc on the
  // command line: the flag set at run time, the function taken from a fresh context.)
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  const steerLatencies: number[] = [];
  let steerItems = 0;
  let steerCpu = process.cpuUsage();
  for (let q = 0; q < STEER_QUERIES + 100; q++) {
    if (q === 100) steerCpu = process.cpuUsage(); // after the warm-up
    const seeds = given(1000 + q * 10);
    const avoid = given(1005 + q * 10);
    const t = process.hrtime.bigint();
    const r = recommendSteered(
      model,
      {
        seeds,
        avoid,
        targets: { energy: "more", valence: "less", danceability: "more", acousticness: "less", tempo: "more" },
        tempoRange: { min: 90, max: 150 },
      },
      keyedLibrary,
      { topN: 50, maxPerArtist: 1, variety: 0.3, boosts },
    );
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (q >= 100) {
      steerLatencies.push(ms);
      steerItems += r.items.length;
    }
  }
  const steerCpuMs = (cpuSeconds(steerCpu) * 1000) / STEER_QUERIES;
  steerLatencies.sort((a, b) => a - b);
  const steerP50 = percentile(steerLatencies, 50);
  const steerP99 = percentile(steerLatencies, 99);

  const fmt = (v: number | undefined, digits = 3) => (v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : "—");
  const skMedian = (xs: TSklearnRun[]) => (xs.length ? median(xs.map((x) => x.seconds)) : NaN);
  const skInertia = (xs: TSklearnRun[]) => (xs.length ? xs[0]!.inertia! : NaN);
  const kmRow = (threads: number, core: number[], coreCpu: number[], skRuns: TSklearnRun[], inertia: number) => {
    const a = median(core);
    const b = skMedian(skRuns);
    const ac = median(coreCpu);
    const bc = skRuns.length ? median(skRuns.map((x) => x.cpu_seconds)) : NaN;
    return (
      `k-means k=${K} nInit=${N_INIT} ${n}×${d}, ${threads} thread${threads > 1 ? "s" : ""}: core-ml ${fmt(a)} s, ` +
      `scikit-learn ${fmt(b)} s, ratio ${fmt(a / b, 2)}; inertia ratio ${fmt(inertia / skInertia(skRuns), 6)} ` +
      `(${fmt(inertia, 1)} / ${fmt(skInertia(skRuns), 1)}); CPU time ${fmt(ac)} s / ${fmt(bc)} s, ratio ${fmt(ac / bc, 2)}`
    );
  };
  const silA = median(silRuns.core);
  const silB = skMedian(silRuns.sk);
  const silCpuB = silRuns.sk.length ? median(silRuns.sk.map((x) => x.cpu_seconds)) : NaN;
  console.log(
    [
      "",
      `medians of ${ROUNDS} alternating rounds (silhouette: ${silRuns.core.length}); pool start-up ${poolStartSeconds.toFixed(3)} s, not in the 2-thread figure`,
      kmRow(1, runs.core1, cpu.core1, runs.sk1, km.inertia),
      kmRow(2, runs.core2, cpu.core2, runs.sk2, km2.inertia),
      `exact silhouette, ${SILHOUETTE_POINTS} points: core-ml ${fmt(silA)} s (1 thread), scikit-learn ${fmt(silB)} s (2 threads), ` +
        `ratio ${fmt(silA / silB, 2)}; score ${fmt(sil, 6)} / ${fmt(silRuns.sk[0]?.score, 6)}; ` +
        `CPU time ${fmt(median(silRuns.coreCpu))} s / ${fmt(silCpuB)} s, ratio ${fmt(median(silRuns.coreCpu) / silCpuB, 2)}`,
      `exact silhouette, ${SILHOUETTE_POINTS} points, 2 threads: core-ml ${fmt(median(silRuns.core2))} s (warm pool), ` +
        `scikit-learn ${fmt(silB)} s, ratio ${fmt(median(silRuns.core2) / silB, 2)}`,
      `recommend, ${QUERIES} queries on ${prepared.size} tracks: p50 ${fmt(p50, 4)} ms, p99 ${fmt(p99, 4)} ms (prepare ${prepSeconds.toFixed(3)} s)`,
      `recommendSteered, every option on (5 seeds, 5 avoided, 5 targets, tempo 90–150, variety 0.3, top 50, 1 per artist, ` +
        `1000 boosts), ${STEER_QUERIES} queries on ${keyedLibrary.size} tracks: p50 ${fmt(steerP50, 4)} ms, p99 ${fmt(steerP99, 4)} ms ` +
        `(mean CPU time ${fmt(steerCpuMs, 4)} ms per query; mean ${fmt(steerItems / STEER_QUERIES, 1)} songs per list; ` +
        `prepare ${steerPrepSeconds.toFixed(3)} s)`,
      `ml-kmeans (10 seeded runs, 1 thread): ${fmt(mlSeconds)} s, inertia ${fmt(mlInertia, 1)}`,
    ].join("\n"),
  );

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    rows: n,
    rounds: ROUNDS,
    openblasEnv: Object.fromEntries(openblasEnv),
    coreMl: {
      kmeans: {
        inertia: km.inertia,
        iterations: km.iterations,
        oneThread: runs.core1,
        twoThreads: runs.core2,
        cpuSeconds: cpu,
        poolStartSeconds,
      },
      silhouette: { points: SILHOUETTE_POINTS, runs: silRuns.core, cpuSeconds: silRuns.coreCpu, twoThreadRuns: silRuns.core2, score: sil },
      recommend: { queries: QUERIES, prepareSeconds: prepSeconds, p50Ms: p50, p99Ms: p99, distinctTracks: prepared.size },
      recommendSteered: {
        queries: STEER_QUERIES,
        prepareSeconds: steerPrepSeconds,
        p50Ms: steerP50,
        p99Ms: steerP99,
        meanCpuMs: steerCpuMs,
        meanItems: steerItems / STEER_QUERIES,
        distinctTracks: keyedLibrary.size,
      },
    },
    mlKmeans: { seconds: mlSeconds, inertia: mlInertia },
    sklearn: skNote ? { skipped: skNote } : { kmeansOneThread: runs.sk1, kmeansTwoThreads: runs.sk2, silhouette: silRuns.sk },
  };
  writeFileSync(join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${join(__dirname, "results.json")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
