// `pnpm bench`'s last row (issue 13): a fresh clone → its first recommendation, timed as a newcomer meets it.
// Clones the committed HEAD into a temporary folder, `pnpm install --frozen-lockfile` into an EMPTY pnpm store (every
// package from the registry, as on a new machine) and an empty catalog cache folder, then `pnpm start` on a free
// loopback port until /api/health answers ok, then one POST /api/recommendations. Prints each phase and the total
// against the goal (< 60 s). BENCH_FIRST_RUN=0 skips it; BENCH_FIRST_RUN_WARM_STORE=1 installs from the machine's
// own store instead. Everything it made is removed at the end; every wait is bounded.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const GOAL_SECONDS = 60;
const START_TIMEOUT_MS = 300_000;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

if (process.env.BENCH_FIRST_RUN === "0") {
  console.log("first run: skipped (BENCH_FIRST_RUN=0)");
  process.exit(0);
}

const seconds = (from) => (performance.now() - from) / 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("pnpm start stopped before /api/health answered");
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`/api/health did not answer ok within ${START_TIMEOUT_MS / 1000} s`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-first-run-"));
const clone = path.join(work, "clone");
let child = null;
try {
  const started = performance.now();
  execFileSync("git", ["clone", "--quiet", root, clone], { stdio: "inherit" });
  const cloned = seconds(started);

  const installStart = performance.now();
  const store = process.env.BENCH_FIRST_RUN_WARM_STORE === "1" ? [] : ["--store-dir", path.join(work, "store")];
  execFileSync("pnpm", ["install", "--frozen-lockfile", "--reporter=silent", ...store], { cwd: clone, stdio: "inherit" });
  const install = seconds(installStart);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const startAt = performance.now();
  child = spawn("pnpm", ["start"], {
    cwd: clone,
    detached: true, // its own process group, so the whole tree stops at the end
    stdio: ["ignore", fs.openSync(path.join(work, "start.log"), "w"), fs.openSync(path.join(work, "start.log"), "a")],
    env: { ...process.env, PORT: String(port), ANISONG_CATALOG_CACHE_DIR: path.join(work, "catalog-cache") },
  });
  await waitForHealth(url, child);
  const toHealth = seconds(startAt);

  const postAt = performance.now();
  const res = await fetch(`${url}/api/recommendations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Levitating", artist: "Dua Lipa", topN: 10 }),
  });
  if (res.status !== 201) throw new Error(`the first recommendation answered ${res.status}: ${await res.text()}`);
  const firstPost = seconds(postAt);
  const total = seconds(started);

  console.log(
    `first run (clone → first recommendation; ${store.length ? "empty pnpm store" : "warm pnpm store"}, empty catalog cache; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}): clone ${cloned.toFixed(1)} s, ` +
      `install ${install.toFixed(1)} s, pnpm start → /api/health ${toHealth.toFixed(1)} s, first POST ${firstPost.toFixed(1)} s; ` +
      `total ${total.toFixed(1)} s, goal < ${GOAL_SECONDS} s, ratio ${(total / GOAL_SECONDS).toFixed(2)}: ${total < GOAL_SECONDS ? "met" : "not met"}`,
  );
} catch (error) {
  console.error(`first run failed: ${error instanceof Error ? error.message : error}; the log is ${path.join(work, "start.log")}`);
  process.exitCode = 1;
} finally {
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  if (running()) {
    process.kill(-child.pid, "SIGTERM");
    for (let i = 0; i < 40 && running(); i++) await sleep(250);
    if (running()) process.kill(-child.pid, "SIGKILL");
  }
  if (process.exitCode !== 1) fs.rmSync(work, { recursive: true, force: true });
}
