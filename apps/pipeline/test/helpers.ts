// A throwaway pipeline workspace: inputs from test fixtures (or the repo's data, read-only), every output in a temp dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMemoryLogger, resolvePipelineConfig, type TPipelineConfigInput, type TStepContext, type TStepFlags } from "../src";

export const FIXTURES = path.join(__dirname, "fixtures");
export const REPO_DATA = path.join(__dirname, "../../../data");

export type TWorkspace = { dir: string; ctx: TStepContext & { log: ReturnType<typeof createMemoryLogger> }; remove(): void };

export function createWorkspace(input: Omit<TPipelineConfigInput, "rootDir"> = {}, flags: TStepFlags = {}): TWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-pipeline-"));
  const config = resolvePipelineConfig({
    ...input,
    rootDir: dir,
    paths: {
      seed: path.join(FIXTURES, "seed-small.csv"),
      catalog: path.join(FIXTURES, "catalog-small.csv.gz"),
      sample: path.join(FIXTURES, "sample.csv"),
      ...input.paths,
    },
  });
  return {
    dir,
    ctx: { config, flags, log: createMemoryLogger() },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function readJsonFile<T = any>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
