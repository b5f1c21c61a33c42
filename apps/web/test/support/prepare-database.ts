// A throwaway database filled by the real pipeline (`pnpm db:migrate` and `pnpm run pipeline all`, run as
// child processes exactly as a user runs them), for route tests, end-to-end tests and the benchmark.
// The pipeline's outputs (models/, data/final, …) go to a temp folder, never into the repository.
//
// The pipeline runs once per database kind and per state of its inputs (see ./pipeline-template.ts): its result is
// kept as a template (a PGlite folder, a PostgreSQL template database) and every test database is a copy of it.
// A copy holds exactly what a fresh run writes, at a fraction of a run's cost, which CI pays in every test file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findRepoRoot, type TDatabaseConfig } from "@anisong/db";
import { copyPgliteTemplate, copyPostgresTemplate, runPnpm } from "./pipeline-template";

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
      copyPgliteTemplate({ to: dataDir, fill: (env, fillWork) => runPipeline(fillWork, env) });
      const env = { ANISONG_PGLITE_DIR: dataDir, DATABASE_URL: "" };
      return { config: { kind, dataDir }, env, drop: async () => removeWork(), retrain: (train) => runPipeline(work, env, train) };
    }
    const copy = await copyPostgresTemplate({ fill: (env, fillWork) => runPipeline(fillWork, env) });
    const env = { DATABASE_URL: copy.url };
    return {
      config: { kind: "postgres", url: copy.url },
      env,
      retrain: (train) => runPipeline(work, env, train),
      drop: async () => {
        await copy.drop();
        removeWork();
      },
    };
  } catch (error) {
    removeWork();
    throw error;
  }
}

/** `pnpm run pipeline all` into the database `env` points at, with every output under `work`. */
function runPipeline(work: string, env: Record<string, string>, train?: Record<string, unknown>): void {
  fs.mkdirSync(work, { recursive: true });
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
  runPnpm(["run", "pipeline", "all", "--config", configFile], env);
}
