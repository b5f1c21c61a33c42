// `pnpm --filter @anisong/web bench`: the issue-13 performance table, each row beside its goal and as a
// ratio to its reference from the same run (the machine is shared, so absolute figures drift; ratios less).
// Against one `next start` on 127.0.0.1 (catalog provider, a throwaway database filled by the real pipeline):
//  - throughput and p99 of POST /api/recommendations under autocannon, against the same server's
//    no-database route (GET /api/songs, served from memory, the server's own floor), in alternating pairs of phases
//    (the median pair's ratio), and the server's CPU time
//    per request of each (from /proc; it bounds req/s and hardly moves with the machine's load); then the same
//    load with a question not asked lately in every request (the recommendation memo's miss path), reported beside it;
//  - the server's resident memory (VmRSS of the process tree) idle (5 s and 45 s after the last request) and
//    sampled during that load;
//  - Lighthouse (performance, mobile and desktop, median of BENCH_LIGHTHOUSE_RUNS) on home, /results and a
//    permalink, with the JavaScript each page loads.
// The write rate limit is lifted for the run (it would answer 429s).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { findRepoRoot } from "@anisong/db";
import {
  benchPages,
  benchQuestions,
  BENCH_RECOMMENDATION_BODY,
  createBenchRecommendation,
  JSON_HEADERS,
  startBenchServer,
} from "./bench-server";
import { measurePage, withChromium, type TFormFactor, type TLighthouseResult } from "./lighthouse";
import { treeCpuSeconds } from "./cpu";
import { sampleRss, treeRssBytes } from "./rss";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
/** GET and POST phases alternate in this many pairs, each DURATION_S / PAIRS long. */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const PHASE_S = DURATION_S / PAIRS;
/** "pglite" (the embedded default) or "postgres" (a throwaway database on TEST_DATABASE_URL's server). */
const DATABASE = process.env.BENCH_DATABASE === "postgres" ? "postgres" : "pglite";
/**
 * Lighthouse runs per page and form factor (the median is reported); 0 skips Lighthouse. Five, as Lighthouse's own
 * guide to score variability advises for a median: on this kind of machine one page and build score 80–99 from run
 * to run (web README, "Latest figures"), and a median of three follows one bad run.
 */
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
/** The second idle sample starts this long after the last warm-up request. */
const SETTLED_IDLE_MS = 45_000;

const GOALS = {
  lighthouseScore: 95,
  throughputRatio: 0.7,
  p99Ms: 100,
  idleRssMb: 350,
  loadRssMb: 500,
} as const;

/** `met`: null for a row reported beside the rows, with no goal of its own. */
type TRow = { row: string; value: string; reference: string; ratio: number; goal: string; met: boolean | null };

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** One autocannon phase with the server's CPU time per request (from /proc) around it. */
type TPhase = {
  requestsPerSecond: number;
  requests: number;
  cpuMs: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};

async function phase(pid: number, run: () => Promise<autocannon.Result>): Promise<TPhase> {
  const cpu = treeCpuSeconds(pid);
  const r = await run();
  return {
    requestsPerSecond: r.requests.average,
    requests: r.requests.total,
    cpuMs: ((treeCpuSeconds(pid) - cpu) * 1000) / r.requests.total,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Phases of one route taken together: mean req/s, CPU per request over all, the worst phase's latencies. */
function combine(phases: TPhase[]): TPhase {
  const requests = phases.reduce((n, p) => n + p.requests, 0);
  const worst = (key: keyof TPhase["latencyMs"]) => Math.max(...phases.map((p) => p.latencyMs[key]));
  return {
    requestsPerSecond: phases.reduce((n, p) => n + p.requestsPerSecond, 0) / phases.length,
    requests,
    cpuMs: phases.reduce((n, p) => n + p.cpuMs * p.requests, 0) / requests,
    latencyMs: { p50: worst("p50"), p90: worst("p90"), p99: worst("p99"), max: worst("max") },
    non2xx: phases.reduce((n, p) => n + p.non2xx, 0),
    errors: phases.reduce((n, p) => n + p.errors, 0),
    timeouts: phases.reduce((n, p) => n + p.timeouts, 0),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const bench = await startBenchServer({ database: DATABASE, log: (line) => console.log(line) });
  const { server } = bench;
  const pid = server.process.pid!;
  try {
    // Warm-up: catalog, model cache and the JIT.
    let permalinkId = "";
    for (let i = 0; i < 50; i++) permalinkId = await createBenchRecommendation(server.url);
    const pages = benchPages(permalinkId);
    for (const page of pages) await fetch(server.url + page.path);

    // Idle: the warmed server left alone for a few seconds, then sampled; and again once V8's memory reducer has
    // run. V8 keeps its young generation at full size and the burst's garbage until then (about 20–35 s after
    // the last request here), so the first figure is the server just after a burst and the second the server
    // at rest.
    const lastRequestAt = performance.now();
    await sleep(5000);
    let idleSampler = sampleRss(pid);
    await sleep(3000);
    const idle = idleSampler.stop();
    await sleep(Math.max(0, lastRequestAt + SETTLED_IDLE_MS - performance.now()));
    idleSampler = sampleRss(pid);
    await sleep(3000);
    const settled = idleSampler.stop();
    const idleLoad = load();

    // Reference and route in alternating pairs (GET, POST, GET, POST, …), each phase DURATION_S / PAIRS: this kind of
    // machine changes speed from minute to minute (the same server's GET took 0.17 to 0.33 ms of CPU in phases a few
    // minutes apart), and a pair measured back to back shares the machine's state. The ratio is the median pair's.
    const getSongs = () => autocannon({ url: `${server.url}/api/songs?page=2`, connections: CONNECTIONS, duration: PHASE_S });
    const postRecommendation = () =>
      autocannon({
        url: `${server.url}/api/recommendations`,
        method: "POST",
        headers: JSON_HEADERS,
        body: BENCH_RECOMMENDATION_BODY,
        connections: CONNECTIONS,
        duration: PHASE_S,
      });
    const loadSampler = sampleRss(pid);
    const pairs: { get: TPhase; post: TPhase; ratio: number }[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const get = await phase(pid, getSongs);
      const post = await phase(pid, postRecommendation);
      pairs.push({ get, post, ratio: post.requestsPerSecond / get.requestsPerSecond });
    }
    const reference = combine(pairs.map((p) => p.get));
    const result = combine(pairs.map((p) => p.post));
    const referenceCpuMs = reference.cpuMs;
    const postCpuMs = result.cpuMs;
    const throughputLoad = load();

    // The load asks one question over and over, which the recommendation memo answers after the first time.
    // The same load again, every request a question not asked lately: the path a first question takes.
    const questions = await benchQuestions(server.url);
    let asked = 0;
    const fresh = await phase(pid, () =>
      autocannon({
        url: `${server.url}/api/recommendations`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        requests: [
          { method: "POST", headers: JSON_HEADERS, setupRequest: (req) => ({ ...req, body: questions[asked++ % questions.length] }) },
        ],
      }),
    );
    const freshCpuMs = fresh.cpuMs;
    const underLoad = loadSampler.stop(); // both POST loads: the second fills the memo

    const lighthouse: Record<string, Partial<Record<TFormFactor, TLighthouseResult>>> = {};
    let lighthouseLoad = "";
    if (LIGHTHOUSE_RUNS > 0) {
      await withChromium(async (port) => {
        for (const page of pages) {
          lighthouse[page.name] = {};
          for (const formFactor of ["mobile", "desktop"] as const) {
            lighthouse[page.name]![formFactor] = await measurePage({
              port,
              url: server.url + page.path,
              formFactor,
              runs: LIGHTHOUSE_RUNS,
            });
            console.log(`lighthouse ${page.name} ${formFactor}: ${lighthouse[page.name]![formFactor]!.score} (load ${load()})`);
          }
        }
      });
      lighthouseLoad = load();
    }
    const homeJs = await pageJavaScript(server.url, "/");

    const rows: TRow[] = [];
    for (const page of pages) {
      for (const formFactor of ["mobile", "desktop"] as const) {
        const lh = lighthouse[page.name]?.[formFactor];
        if (!lh) continue;
        rows.push({
          row: `Lighthouse ${formFactor}, ${page.name}`,
          value: `${lh.score} (TBT ${lh.tbtMs.toFixed(0)} ms, LCP ${(lh.lcpMs / 1000).toFixed(2)} s, CLS ${lh.cls.toFixed(3)})`,
          reference: `goal ${GOALS.lighthouseScore}`,
          ratio: lh.score / GOALS.lighthouseScore,
          goal: `≥ ${GOALS.lighthouseScore}`,
          met: lh.score >= GOALS.lighthouseScore,
        });
      }
    }
    const throughputRatio = median(pairs.map((p) => p.ratio));
    rows.push({
      row: `POST /api/recommendations req/s (${DATABASE}, ${CONNECTIONS} conn; median of ${PAIRS} pairs)`,
      value: `${result.requestsPerSecond.toFixed(0)} (pairs ${pairs.map((p) => p.ratio.toFixed(2)).join(", ")})`,
      reference: `GET /api/songs ${reference.requestsPerSecond.toFixed(0)}`,
      ratio: throughputRatio,
      goal: `≥ ${GOALS.throughputRatio} of the reference`,
      met: throughputRatio >= GOALS.throughputRatio,
    });
    rows.push({
      // What bounds req/s on a saturated server, and hardly moves with the machine's load: the server's CPU per request.
      row: "server CPU per POST /api/recommendations",
      value: `${postCpuMs.toFixed(2)} ms`,
      reference: `GET /api/songs ${referenceCpuMs.toFixed(2)} ms`,
      ratio: referenceCpuMs / postCpuMs,
      goal: `≥ ${GOALS.throughputRatio} (GET ÷ POST)`,
      met: referenceCpuMs / postCpuMs >= GOALS.throughputRatio,
    });
    rows.push({
      row: `POST /api/recommendations req/s, a new question each time (${questions.length} in turn)`,
      value: fresh.requestsPerSecond.toFixed(0),
      reference: `GET /api/songs ${reference.requestsPerSecond.toFixed(0)}`,
      ratio: fresh.requestsPerSecond / reference.requestsPerSecond,
      goal: "reported (the memo's miss path)",
      met: null,
    });
    rows.push({
      row: "server CPU per POST, a new question each time",
      value: `${freshCpuMs.toFixed(2)} ms`,
      reference: `GET /api/songs ${referenceCpuMs.toFixed(2)} ms`,
      ratio: referenceCpuMs / freshCpuMs,
      goal: "reported",
      met: null,
    });
    rows.push({
      row: "POST /api/recommendations p99",
      value: `${result.latencyMs.p99} ms`,
      reference: `GET /api/songs p99 ${reference.latencyMs.p99} ms`,
      ratio: result.latencyMs.p99 / reference.latencyMs.p99,
      goal: `< ${GOALS.p99Ms} ms`,
      met: result.latencyMs.p99 < GOALS.p99Ms,
    });
    for (const [when, sample] of [
      ["5 s", idle],
      [`${SETTLED_IDLE_MS / 1000} s`, settled],
    ] as const) {
      rows.push({
        row: `server RSS idle, ${when} after the last request (${DATABASE})`,
        value: `${(sample.medianBytes / MB).toFixed(0)} MB`,
        reference: `goal ${GOALS.idleRssMb} MB`,
        ratio: sample.medianBytes / MB / GOALS.idleRssMb,
        goal: `≤ ${GOALS.idleRssMb} MB`,
        met: sample.medianBytes / MB <= GOALS.idleRssMb,
      });
    }
    rows.push({
      row: `server RSS peak under load (${DATABASE})`,
      value: `${(underLoad.peakBytes / MB).toFixed(0)} MB`,
      reference: `idle ${(idle.medianBytes / MB).toFixed(0)} MB`,
      ratio: underLoad.peakBytes / idle.medianBytes,
      goal: `≤ ${GOALS.loadRssMb} MB`,
      met: underLoad.peakBytes / MB <= GOALS.loadRssMb,
    });

    const report = {
      date: new Date().toISOString(),
      machine: `${process.platform} ${process.arch}, node ${process.version}, ${os.cpus().length} cpus`,
      loadAverage: { idle: idleLoad, throughput: throughputLoad, lighthouse: lighthouseLoad },
      rows,
      recommendations: {
        database: DATABASE,
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        pairs: pairs.map((p) => ({ ratio: p.ratio, get: p.get, post: p.post })),
        ...result,
        serverCpuMsPerRequest: postCpuMs,
      },
      newQuestions: { questions: questions.length, ...fresh, serverCpuMsPerRequest: freshCpuMs },
      referenceGetSongs: { ...reference, serverCpuMsPerRequest: referenceCpuMs },
      rssBytes: {
        idleMedian: idle.medianBytes,
        settledIdleMedian: settled.medianBytes,
        loadPeak: underLoad.peakBytes,
        loadMedian: underLoad.medianBytes,
        afterRun: treeRssBytes(pid),
      },
      lighthouse,
      homePageJavaScript: homeJs,
    };
    const out = path.join(findRepoRoot(), "artifacts", "bench");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `web-${DATABASE}.json`), JSON.stringify(report, null, 2));

    console.log(
      `\n${report.machine}; load average (1/5/15 min) idle ${idleLoad}, throughput ${throughputLoad}, lighthouse ${lighthouseLoad}`,
    );
    console.table(
      rows.map((r) => ({
        row: r.row,
        value: r.value,
        reference: r.reference,
        ratio: r.ratio.toFixed(2),
        goal: r.goal,
        met: r.met === null ? "—" : r.met ? "yes" : "no",
      })),
    );
    const jsRows = Object.entries(lighthouse).map(([page, byForm]) => {
      const m = byForm.mobile ?? byForm.desktop!;
      return {
        page,
        scripts: m.scripts,
        "KiB transferred": (m.scriptTransferBytes / 1024).toFixed(1),
        "KiB decoded": (m.scriptResourceBytes / 1024).toFixed(1),
        "main thread ms (mobile)": byForm.mobile?.mainThreadMs.toFixed(0),
      };
    });
    if (jsRows.length) console.table(jsRows);
    console.log(
      `Home page JavaScript from its HTML: ${homeJs.scripts} scripts, ${(homeJs.gzipBytes / 1024).toFixed(1)} KiB gzip ` +
        `(${(homeJs.rawBytes / 1024).toFixed(1)} KiB raw); POST non-2xx: ${result.non2xx} (new questions: ${fresh.non2xx}); report: artifacts/bench/web-${DATABASE}.json`,
    );
  } finally {
    await bench.stop();
  }
}

/** Sum of the script chunks a modern browser loads for a page's HTML, gzip-compressed at level 9. */
export async function pageJavaScript(baseUrl: string, page: string): Promise<{ scripts: number; rawBytes: number; gzipBytes: number }> {
  const html = await (await fetch(new URL(page, baseUrl))).text();
  const sources = new Set<string>();
  for (const tag of html.match(/<script[^>]*>/g) ?? []) {
    // Modern browsers skip `nomodule` scripts (the legacy polyfills), so they are not counted.
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
    if (src && !/\snomodule\b/i.test(tag)) sources.add(src.replace(/&amp;/g, "&"));
  }
  for (const m of html.matchAll(/<link[^>]+rel="preload"[^>]+as="script"[^>]+href="([^"]+)"/g)) sources.add(m[1]!.replace(/&amp;/g, "&"));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of sources) {
    const buf = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    rawBytes += buf.byteLength;
    gzipBytes += zlib.gzipSync(buf, { level: 9 }).byteLength;
  }
  return { scripts: sources.size, rawBytes, gzipBytes };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
