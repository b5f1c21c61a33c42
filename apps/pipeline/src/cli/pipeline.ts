// `pnpm run pipeline <step> [flags]`: the data person's entry point. Expected failures print one line and
// exit 1; bad usage prints the usage and exits 2.
import path from "node:path";
import { isExpectedError } from "@anisong/core-ml";
import { DATASETS, loadPipelineConfig, ZDatasetName } from "../config/pipeline-config";
import { invocationDir } from "../env";
import { createConsoleLogger, type TStepContext } from "../context";
import { UsageError } from "../errors";
import { experimentMain } from "./experiment";
import { runAll, runStep, STEP_NAMES, type TStepName } from "../run-pipeline";
import { parseCliArgs } from "./parse-cli-args";

const USAGE = `usage: pnpm run pipeline <step> [options]

steps:
  acquire     copy the raw CSV(s) into the raw store (folder, or s3://bucket/prefix)
  clean       validate rows, drop duplicates, enrich with the catalog → data/interim/songs.json
  featurize   fit the scaler → data/processed/{features,scaler}.json
  train       k-means → models/<version>.json, data/final/anime_clusters.csv
  score       place the sample songs → data/final/sample_scored.csv
  evaluate    silhouettes; publish models/active.json if above the threshold
  ingest      write model, clusters and songs into the database
  enrich      with SPOTIFY_CLIENT_ID/SECRET: artists, album, release date, cover from Spotify
              → data/enrichment/spotify-enrichment.json (skipped without credentials)
  library     the wider library (seed + tracks dataset's anime rows) → data/library/library.json
  all         every step in order
  experiment  start | status | stop a live experiment between models (pnpm run pipeline experiment --help)

options:
  --config <file.json>      override the defaults (see apps/pipeline/README.md)
  --dataset <seed|anime-catalog>
  --k <n>  --seed <n>  --threshold <x>
  --sweep <from..to>        with train/all: silhouette and inertia for each k (e.g. 2..12)
  --if-needed               with all: skip when the active model already matches config and data
  --force                   with ingest/all: ingest even if evaluate did not pass
  -h, --help`;

function parseNumber(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new UsageError(`--${name} must be ${integer ? "an integer" : "a number"}, got "${value}"`);
  return n;
}

export function parseCli(argv: string[]) {
  const { values, positionals } = parseCliArgs(argv, {
    config: { type: "string" },
    dataset: { type: "string" },
    k: { type: "string" },
    seed: { type: "string" },
    threshold: { type: "string" },
    sweep: { type: "string" },
    "if-needed": { type: "boolean" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return { help: true as const };
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "missing step" : `one step at a time, got ${positionals.join(" ")}`);
  const step = positionals[0]!;
  if (step !== "all" && !STEP_NAMES.includes(step as TStepName)) throw new UsageError(`unknown step "${step}"`);
  if (values.dataset !== undefined && !ZDatasetName.safeParse(values.dataset).success) {
    throw new UsageError(`--dataset must be ${DATASETS.join(" or ")}, got "${values.dataset}"`);
  }
  let sweep: { from: number; to: number } | undefined;
  if (values.sweep !== undefined) {
    const m = /^(\d+)\.\.(\d+)$/.exec(values.sweep);
    if (!m || Number(m[1]) < 2 || Number(m[2]) < Number(m[1]))
      throw new UsageError(`--sweep must look like 2..12 (from ≥ 2, to ≥ from), got "${values.sweep}"`);
    if (step !== "train" && step !== "all") throw new UsageError("--sweep goes with train or all");
    sweep = { from: Number(m[1]), to: Number(m[2]) };
  }
  if (values["if-needed"] && step !== "all") throw new UsageError("--if-needed goes with all");
  return {
    help: false as const,
    step: step as TStepName | "all",
    configFile: values.config,
    overrides: {
      dataset: values.dataset,
      k: parseNumber("k", values.k, true),
      seed: parseNumber("seed", values.seed, true),
      threshold: parseNumber("threshold", values.threshold, false),
    },
    flags: { sweep, ifNeeded: values["if-needed"] ?? false, force: values.force ?? false },
  };
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "experiment") return experimentMain(argv.slice(1));
  const log = createConsoleLogger();
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(argv);
  } catch (error) {
    process.stderr.write(`pipeline: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (cli.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const { overrides } = cli;
    const config = loadPipelineConfig({
      file: cli.configFile === undefined ? undefined : path.resolve(invocationDir(), cli.configFile),
      overrides: (raw) => {
        const section = (name: string) => (raw[name] ??= {}) as Record<string, unknown>;
        if (overrides.dataset !== undefined) raw.dataset = overrides.dataset;
        if (overrides.k !== undefined) section("train").k = overrides.k;
        if (overrides.seed !== undefined) section("train").seed = overrides.seed;
        if (overrides.threshold !== undefined) section("evaluate").threshold = overrides.threshold;
      },
    });
    const ctx: TStepContext = { config, flags: cli.flags, log };
    if (cli.step === "all") await runAll(ctx);
    else await runStep(ctx, cli.step);
    return 0;
  } catch (error) {
    if (isExpectedError(error)) {
      process.stderr.write(`pipeline ${cli.step} failed: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`pipeline ${cli.step} crashed: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
