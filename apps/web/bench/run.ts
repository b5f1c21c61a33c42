// `pnpm --filter @anisong/web bench`: POST /api/recommendations under 50 concurrent connections against
// `next start` on 127.0.0.1 (catalog provider, embedded PGlite filled by the real pipeline), and the
// gzip size of the JavaScript the home page loads. The write rate limit is lifted for the run through
// ANISONG_WRITE_RATE_PER_MINUTE / ANISONG_WRITE_RATE_BURST, otherwise it would answer 429s.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { findRepoRoot } from "@anisong/db";
import { ensureBuilt, startNextServer } from "../test/support/next-server";
import { prepareDatabase } from "../test/support/prepare-database";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
/** "pglite" (the embedded default) or "postgres" (a throwaway database on TEST_DATABASE_URL's server). */
const DATABASE = process.env.BENCH_DATABASE === "postgres" ? "postgres" : "pglite";

async function main(): Promise<void> {
  ensureBuilt((line) => console.log(line));
  const database = await prepareDatabase(DATABASE);
  const server = await startNextServer({
    ...database.env,
    ANISONG_PROVIDERS: "catalog",
    ANISONG_WRITE_RATE_PER_MINUTE: "100000000",
    ANISONG_WRITE_RATE_BURST: "100000000",
  });
  try {
    const body = JSON.stringify({ title: "Levitating", artist: "Dua Lipa", topN: 10 });
    const headers = { "content-type": "application/json" };
    // Warm-up: catalog, model cache and the JIT.
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${server.url}/api/recommendations`, { method: "POST", headers, body });
      if (res.status !== 201) throw new Error(`warm-up request answered ${res.status}: ${await res.text()}`);
    }
    const result = await autocannon({
      url: `${server.url}/api/recommendations`,
      method: "POST",
      headers,
      body,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    // Context: the same server on a read that touches no database (the cached song list), i.e. the
    // ceiling of `next start` itself on this machine.
    const baseline = await autocannon({ url: `${server.url}/api/songs?page=2`, connections: CONNECTIONS, duration: 10 });
    const js = await homePageJavaScript(server.url);
    const report = {
      date: new Date().toISOString(),
      machine: `${process.platform} ${process.arch}, node ${process.version}, ${os.cpus().length} cpus`,
      recommendations: {
        database: DATABASE,
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        requestsPerSecond: result.requests.average,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      },
      baselineGetSongs: {
        requestsPerSecond: baseline.requests.average,
        latencyMs: { p50: baseline.latency.p50, p99: baseline.latency.p99 },
        non2xx: baseline.non2xx,
      },
      homePageJavaScript: js,
    };
    console.log(JSON.stringify(report, null, 2));
    const out = path.join(findRepoRoot(), "artifacts", "bench");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `web-${DATABASE}.json`), JSON.stringify(report, null, 2));
    console.log(
      `\nPOST /api/recommendations (${DATABASE}): ${report.recommendations.requestsPerSecond.toFixed(0)} req/s, ` +
        `p50 ${report.recommendations.latencyMs.p50} ms, p99 ${report.recommendations.latencyMs.p99} ms ` +
        `(${CONNECTIONS} connections, ${DURATION_S} s, ${result.non2xx} non-2xx)\n` +
        `GET /api/songs (no database, for scale): ${baseline.requests.average.toFixed(0)} req/s, p50 ${baseline.latency.p50} ms, p99 ${baseline.latency.p99} ms\n` +
        `Home page JavaScript: ${js.scripts} scripts, ${(js.gzipBytes / 1024).toFixed(1)} KiB gzip ` +
        `(${(js.rawBytes / 1024).toFixed(1)} KiB raw)`,
    );
  } finally {
    await server.stop();
    await database.drop();
  }
}

/** Sum of the script chunks a modern browser loads for the home page's HTML, gzip-compressed at level 9. */
export async function homePageJavaScript(baseUrl: string): Promise<{ scripts: number; rawBytes: number; gzipBytes: number }> {
  const html = await (await fetch(`${baseUrl}/`)).text();
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
