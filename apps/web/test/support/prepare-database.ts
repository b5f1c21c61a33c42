// A throwaway database filled by the real pipeline (`pnpm pipeline all`, run as a child process exactly
// as a user runs it), for route tests, end-to-end tests and the benchmark.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, findRepoRoot, type TDatabaseConfig } from "@anisong/db";

export type TPreparedDatabase = {
  config: TDatabaseConfig;
  /** Environment that points the app (or `next start`) at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
};

export async function prepareDatabase(kind: "pglite" | "postgres"): Promise<TPreparedDatabase> {
  if (kind === "pglite") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-web-pglite-"));
    const env = { ANISONG_PGLITE_DIR: dataDir, DATABASE_URL: "" };
    runPipeline(env);
    return { config: { kind, dataDir }, env, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  // The throwaway PostgreSQL database comes migrated; the pipeline fills it through DATABASE_URL.
  const test = await createTestDatabase({ kind: "postgres" });
  const config = test.config as Extract<TDatabaseConfig, { kind: "postgres" }>;
  const env = { DATABASE_URL: config.url };
  runPipeline(env);
  return { config, env, drop: () => test.drop() };
}

function runPipeline(env: Record<string, string>): void {
  const root = findRepoRoot();
  const result = spawnSync("pnpm", ["--silent", "pipeline", "all"], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pnpm pipeline all failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
