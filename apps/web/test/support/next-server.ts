// Builds the app when the build is missing or older than its sources, and runs `next start` on a free
// loopback port. Shared by the end-to-end tests and the benchmark.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { findRepoRoot } from "@anisong/db";
import { finishBuild } from "../../scripts/build/finish-build";
import { serverNodeOptions } from "../../src/server/server-node-options";

const REPO_ROOT = findRepoRoot();
export const WEB_DIR = path.join(REPO_ROOT, "apps", "web");
const NEXT_BIN = require.resolve("next/dist/bin/next", { paths: [WEB_DIR] });

/** Newest modification time among the files a build depends on. */
function newestSource(): number {
  const roots = [
    path.join(WEB_DIR, "src"),
    path.join(WEB_DIR, "next.config.mjs"),
    path.join(WEB_DIR, "package.json"),
    path.join(WEB_DIR, "scripts", "build"),
    ...["core-ml", "db", "providers"].map((p) => path.join(REPO_ROOT, "packages", p, "src")),
  ];
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== "node_modules" && !name.endsWith(".test.ts")) visit(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  roots.forEach(visit);
  return newest;
}

export function ensureBuilt(log: (line: string) => void = () => undefined): void {
  const buildId = path.join(WEB_DIR, ".next", "BUILD_ID");
  const built = fs.statSync(buildId, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestSource()) return;
  log("next build (sources changed since the last build)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: WEB_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  // The package's build script's last steps, as `pnpm --filter @anisong/web build` runs them.
  log(finishBuild({ nextDir: path.join(WEB_DIR, ".next") }));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type TNextServer = { url: string; process: ChildProcess; output: () => string; stop(): Promise<void> };

/** `port`: listen there (a test that must name its own URL in advance, e.g. an OAuth redirect); default a free one. */
export async function startNextServer(env: Record<string, string>, options: { port?: number } = {}): Promise<TNextServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...env,
      NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS ?? process.env.NODE_OPTIONS),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });

  // Wait until the server answers its health route (model loaded from the database).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not become healthy in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, process: child, output: () => output, stop };
}
