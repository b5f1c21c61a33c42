// `pnpm run pipeline experiment start|status|stop`: live experiments between published models. Start checks
// that each variant's model is stored and passed the evaluate gate (its silhouette ≥ the threshold); status
// prints the running and past experiments with per-variant counts and the models to choose from; stop ends
// the assignment of new recommendations and keeps the history. Same exit codes as the pipeline: 2 for bad
// usage (with the usage), 1 for an expected failure (one line).
import path from "node:path";
import { isExpectedError } from "@anisong/core-ml";
import {
  classifyDatabaseError,
  closeDb,
  getDb,
  listExperiments,
  listModels,
  startExperiment,
  stopExperiment,
  type TDb,
  type TExperimentVariant,
  type TExperimentWithStats,
  type TModelSummary,
} from "@anisong/db";
import { loadPipelineConfig } from "../config/pipeline-config";
import { invocationDir } from "../env";
import { UsageError } from "../errors";
import { parseCliArgs } from "./parse-cli-args";

export const EXPERIMENT_USAGE = `usage: pnpm run pipeline experiment <start|status|stop> [options]

  start   --name <name> --variant a=<modelId> --variant b=<modelId> [--variant …]
          [--feedback <variant>[,<variant>…]]   variants whose ranking uses listeners' votes (default: none)
          [--weight a=1,b=1]                    share of visitors per variant (default: equal)
          [--threshold <x>]                     silhouette gate (default: the pipeline config's evaluate.threshold)
          [--config <file.json>]
  status  the running experiment, past ones with their counts, and the stored models
  stop    [--name <name>]   stop the running experiment (its recommendations keep their variants)`;

export type TExperimentArgs =
  | { command: "help" }
  | { command: "start"; name: string; variants: TExperimentVariant[]; threshold?: number; configFile?: string }
  | { command: "status"; configFile?: string; threshold?: number }
  | { command: "stop"; name?: string };

export function parseExperimentArgs(argv: string[]): TExperimentArgs {
  const { values, positionals } = parseCliArgs(argv, {
    name: { type: "string" },
    variant: { type: "string", multiple: true },
    feedback: { type: "string", multiple: true },
    weight: { type: "string" },
    threshold: { type: "string" },
    config: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return { command: "help" };
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "missing experiment command" : `one command at a time, got ${positionals.join(" ")}`);
  const command = positionals[0]!;
  const threshold = values.threshold === undefined ? undefined : parseThreshold(values.threshold);
  const only = (allowed: string[]) => {
    for (const key of Object.keys(values))
      if (!allowed.includes(key)) throw new UsageError(`--${key} does not go with experiment ${command}`);
  };
  if (command === "status") {
    only(["config", "threshold"]);
    return { command, configFile: values.config, threshold };
  }
  if (command === "stop") {
    only(["name"]);
    return { command, name: values.name };
  }
  if (command !== "start") throw new UsageError(`unknown experiment command "${command}" (start, status or stop)`);
  if (!values.name) throw new UsageError("experiment start needs --name <name>");
  if (!/^[\w.-]{1,64}$/.test(values.name)) throw new UsageError(`--name must be 1–64 of letters, digits, _ . and -, got "${values.name}"`);
  const variants = (values.variant ?? []).map(parseVariant);
  if (variants.length < 2) throw new UsageError("experiment start needs at least two --variant <name>=<modelId>");
  const names = new Set(variants.map((v) => v.name));
  if (names.size !== variants.length) throw new UsageError("each --variant needs its own name");
  for (const name of (values.feedback ?? []).flatMap((f) => f.split(","))) {
    const variant = variants.find((v) => v.name === name.trim());
    if (!variant) throw new UsageError(`--feedback names "${name}", which is not a --variant`);
    variant.feedbackSignal = true;
  }
  if (values.weight !== undefined) {
    for (const pair of values.weight.split(",")) {
      const m = /^([a-z0-9][a-z0-9_-]*)=(\d+(?:\.\d+)?)$/.exec(pair.trim());
      const variant = m && variants.find((v) => v.name === m[1]);
      if (!m || !variant || !(Number(m[2]) > 0))
        throw new UsageError(`--weight must look like a=1,b=3 (variant names, weights > 0), got "${values.weight}"`);
      variant.weight = Number(m[2]);
    }
  }
  return { command, name: values.name, variants, threshold, configFile: values.config };
}

function parseVariant(text: string): TExperimentVariant {
  const m = /^([a-z0-9][a-z0-9_-]{0,31})=(\S+)$/.exec(text);
  if (!m) throw new UsageError(`--variant must look like a=<modelId> (name: 1–32 of a-z, 0-9, _ and -), got "${text}"`);
  return { name: m[1]!, modelId: m[2]!, feedbackSignal: false, weight: 1 };
}

function parseThreshold(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < -1 || n > 1) throw new UsageError(`--threshold must be a number in [-1, 1], got "${text}"`);
  return n;
}

function gateOf(args: { threshold?: number; configFile?: string }): number {
  if (args.threshold !== undefined) return args.threshold;
  const file = args.configFile === undefined ? undefined : path.resolve(invocationDir(), args.configFile);
  return loadPipelineConfig({ file }).evaluate.threshold;
}

export type TExperimentCliDeps = { db?: TDb; out?: (text: string) => void; err?: (text: string) => void };

export async function experimentMain(argv: string[], deps: TExperimentCliDeps = {}): Promise<number> {
  const out = deps.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  const err = deps.err ?? ((text: string) => process.stderr.write(`${text}\n`));
  let args: TExperimentArgs;
  try {
    args = parseExperimentArgs(argv);
  } catch (error) {
    err(`pipeline experiment: ${(error as Error).message}\n\n${EXPERIMENT_USAGE}`);
    return 2;
  }
  if (args.command === "help") {
    out(EXPERIMENT_USAGE);
    return 0;
  }
  try {
    const db = deps.db ?? (await getDb());
    const lines = await run(db, args);
    for (const line of lines.out) out(line);
    for (const line of lines.err) err(line);
    return lines.err.length > 0 ? 1 : 0;
  } catch (error) {
    const code = classifyDatabaseError(error);
    if (code === "missing_tables") err("pipeline experiment: the database has no Anisong tables yet: run `pnpm db:migrate` first");
    else if (code) err(`pipeline experiment: the database is not reachable (${code}): ${(error as Error).message.split("\n")[0]}`);
    else if (isExpectedError(error)) err(`pipeline experiment ${args.command} failed: ${error.message}`);
    else throw error;
    return 1;
  } finally {
    if (!deps.db) await closeDb();
  }
}

type TLines = { out: string[]; err: string[] };

async function run(db: TDb, args: Exclude<TExperimentArgs, { command: "help" }>): Promise<TLines> {
  if (args.command === "start") {
    const minSilhouette = gateOf(args);
    const result = await startExperiment(db, { name: args.name, variants: args.variants, minSilhouette });
    switch (result.status) {
      case "started": {
        const models = await listModels(db);
        return {
          out: [
            `started experiment ${result.experiment.name} (${result.experiment.id})`,
            ...variantLines(result.experiment.variants, models),
          ],
          err: [],
        };
      }
      case "invalid_variants":
        return fail(`invalid variants: ${result.message}`);
      case "model_not_found":
        return fail(`no stored model ${result.modelId}; \`pnpm run pipeline experiment status\` lists them`);
      case "model_below_gate":
        return fail(`model ${result.modelId} has silhouette ${result.silhouette.toFixed(4)}, below the gate ${result.minSilhouette}`);
      case "already_running":
        return fail(`experiment ${result.running.name} is running; stop it first: pnpm run pipeline experiment stop`);
      case "name_taken":
        return fail(`an experiment named ${args.name} exists already; choose another --name`);
    }
  }
  if (args.command === "stop") {
    const result = await stopExperiment(db, { name: args.name });
    if (result.status === "none_running") return fail(args.name ? `experiment ${args.name} is not running` : "no experiment is running");
    const stats = (await listExperiments(db)).find((e) => e.id === result.experiment.id)?.stats ?? [];
    const served = stats.reduce((n, s) => n + s.recommendations, 0);
    return { out: [`stopped experiment ${result.experiment.name}; its ${served} recommendation(s) keep their variants`], err: [] };
  }
  return { out: statusLines(await listExperiments(db), await listModels(db), gateOf(args)), err: [] };
}

function fail(message: string): TLines {
  return { out: [], err: [`pipeline experiment: ${message}`] };
}

function variantLines(variants: TExperimentVariant[], models: TModelSummary[]): string[] {
  const total = variants.reduce((n, v) => n + v.weight, 0);
  return variants.map((v) => {
    const m = models.find((x) => x.id === v.modelId);
    const model = m ? `k=${m.k}, ${m.assignment}, silhouette ${m.silhouette.toFixed(4)}` : "model not stored";
    return `  ${v.name}: model ${v.modelId} (${model}), ${((100 * v.weight) / total).toFixed(0)}% of visitors, feedback signal ${v.feedbackSignal ? "on" : "off"}`;
  });
}

function statsLine(e: TExperimentWithStats): string[] {
  return e.stats.map(
    (s) =>
      `    ${s.variant}: ${s.recommendations} recommendation(s), ${s.ratings} rating(s)${s.meanStars === null ? "" : ` (mean ${s.meanStars.toFixed(2)})`}, ${s.likes} like(s), ${s.dislikes} not-for-me`,
  );
}

function statusLines(experiments: TExperimentWithStats[], models: TModelSummary[], gate: number): string[] {
  const lines: string[] = [];
  const running = experiments.find((e) => e.status === "running");
  if (running) {
    lines.push(
      `running: ${running.name} since ${running.startedAt.toISOString()}`,
      ...variantLines(running.variants, models),
      ...statsLine(running),
    );
  } else lines.push("no experiment is running");
  const stopped = experiments.filter((e) => e.status === "stopped");
  if (stopped.length > 0) lines.push("", "stopped:");
  for (const e of stopped) {
    lines.push(`  ${e.name}: ${e.startedAt.toISOString()} – ${e.stoppedAt?.toISOString() ?? "?"}`, ...statsLine(e));
  }
  lines.push("", `models (gate: silhouette ≥ ${gate}):`);
  for (const m of models) {
    lines.push(
      `  ${m.id}  k=${m.k}  ${m.assignment.padEnd(9)}  silhouette ${m.silhouette.toFixed(4)}  ${m.silhouette >= gate ? "passes" : "below the gate"}${m.isActive ? "  (active)" : ""}`,
    );
  }
  const gated = models.filter((m) => m.silhouette >= gate);
  if (!running && gated.length >= 2) {
    lines.push(
      "",
      "start one:",
      `  pnpm run pipeline experiment start --name experiment-${experiments.length + 1} --variant a=${gated[0]!.id} --variant b=${gated[1]!.id}`,
    );
  } else if (!running && gated.length < 2) {
    lines.push("", "an experiment needs two models that pass the gate; train and ingest another, e.g.:", "  pnpm run pipeline all --k 6");
  }
  return lines;
}
