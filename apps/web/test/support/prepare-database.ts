// A throwaway database filled by the real pipeline (`pnpm db:migrate` and `pnpm run pipeline all`, run as
// child processes exactly as a user runs them), for route tests, end-to-end tests and the benchmark.
// The pipeline's outputs (models/, data/final, …) go to a temp folder, never into the repository.
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
  /** Runs the real pipeline again with other training settings: ingests and activates a second model. */
  retrain(train: Record<string, unknown>): void;
};

export async function prepareDatabase(kind: "pglite" | "postgres"): Promise<TPreparedDatabase> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-web-"));
  const removeWork = () => fs.rmSync(work, { recursive: true, force: true });
  try {
    if (kind === "pglite") {
      const dataDir = path.join(work, "pglite");
      const env = { ANISONG_PGLITE_DIR: dataDir, DATABASE_URL: "" };
      run(["db:migrate"], env);
      runPipeline(work, env);
      return { config: { kind, dataDir }, env, drop: async () => removeWork(), retrain: (train) => runPipeline(work, env, train) };
    }
    // The throwaway PostgreSQL database comes migrated; the pipeline fills it through DATABASE_URL.
    const test = await createTestDatabase({ kind: "postgres" });
    const config = test.config as Extract<TDatabaseConfig, { kind: "postgres" }>;
    const env = { DATABASE_URL: config.url };
    try {
      runPipeline(work, env);
    } catch (error) {
      await test.drop();
      throw error;
    }
    return {
      config,
      env,
      retrain: (train) => runPipeline(work, env, train),
      drop: async () => {
        await test.drop();
        removeWork();
      },
    };
  } catch (error) {
    removeWork();
    throw error;
  }
}

function runPipeline(work: string, env: Record<string, string>, train?: Record<string, unknown>): void {
  const data = path.join(findRepoRoot(), "data");
  const configFile = path.join(work, "pipeline.json");
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      rootDir: work,
      paths: {
        seed: path.join(data, "raw", "anime_songs.csv"),
        catalog: path.join(data, "catalog", "spotify_tracks.csv.gz"),
        sample: path.join(data, "sample", "sample_search_songs.csv"),
      },
      ...(train ? { train } : {}),
    }),
  );
  // `pnpm run`: without it, pnpm 12 runs its own built-in `pipeline` command and reads `--config` as its option.
  run(["run", "pipeline", "all", "--config", configFile], env);
}

function run(args: string[], env: Record<string, string>): void {
  const result = spawnSync("pnpm", ["--silent", ...args], {
    cwd: findRepoRoot(),
    env: { ...process.env, ...env, NODE_OPTIONS: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pnpm ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
