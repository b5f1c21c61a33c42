// evaluate: silhouette of the scored sample (the seed's metric) and of the training set. Publishes the model
// (models/active.json) only when the configured metric reaches the threshold; otherwise fails.
import fs from "node:fs";
import { silhouetteScore } from "@anisong/core-ml";
import { writeFileAtomic } from "@anisong/ingest";
import { logRead, logWrote, type TStepContext } from "../context";
import { EvaluationFailedError, PipelineError } from "../errors";
import { artifactPaths } from "../io/artifact-paths";
import { readJson, writeJson } from "../io/artifacts";
import { ZScoreReport, type TEvaluateReport } from "../io/schemas";
import { loadTrainedModel } from "../io/trained-model";

/** Silhouette needs 2 ≤ distinct labels ≤ n − 1; otherwise it is undefined and we say why. */
export function sampleSilhouette(scaled: number[][], labels: number[]): { value: number | null; note?: string } {
  const distinct = new Set(labels).size;
  if (distinct < 2)
    return { value: null, note: `all ${labels.length} sample songs fell in one cluster (${labels[0]}): silhouette is undefined` };
  if (distinct > labels.length - 1)
    return { value: null, note: `each of the ${labels.length} sample songs is in its own cluster: silhouette is undefined` };
  return { value: silhouetteScore(scaled, labels) };
}

export async function evaluate(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const { model } = loadTrainedModel(ctx);
  const scored = readJson(paths.scoreReport, ZScoreReport, "score");
  logRead(ctx, paths.scoreReport, `${scored.songs.length} scored songs`);
  if (scored.modelVersion !== model.version) {
    throw new PipelineError(
      `the scored sample belongs to model ${scored.modelVersion}, not the trained ${model.version}: run \`pnpm run pipeline score\``,
    );
  }

  const labels = scored.songs.map((s) => s.cluster);
  const sample = sampleSilhouette(
    scored.songs.map((s) => s.scaled),
    labels,
  );
  const { threshold, metric } = config.evaluate;
  const value = metric === "sample" ? sample.value : model.silhouette;
  const passed = value !== null && value >= threshold;
  const shown = (v: number | null) => (v === null ? "undefined" : v.toFixed(4));
  const reason = passed
    ? `${metric} silhouette ${shown(value)} ≥ threshold ${threshold}`
    : value === null
      ? `${metric} silhouette is undefined (${sample.note}); threshold ${threshold} not reached`
      : `${metric} silhouette ${shown(value)} is below the threshold ${threshold}`;

  const report: TEvaluateReport = {
    modelVersion: model.version,
    metric,
    threshold,
    sampleSilhouette: sample.value,
    ...(sample.note ? { sampleNote: sample.note } : {}),
    sampleClusters: labels,
    trainingSilhouette: model.silhouette,
    passed,
    reason,
    published: passed,
  };
  writeJson(paths.evaluateReportFor(model.version), report);
  writeJson(paths.evaluateReport, report);
  logWrote(
    ctx,
    paths.evaluateReportFor(model.version),
    `sample silhouette ${shown(sample.value)}, training silhouette ${shown(model.silhouette)}`,
  );
  if (sample.note) ctx.log.warn(sample.note);

  if (!passed) throw new EvaluationFailedError(`model ${model.version} not published: ${reason} (evaluate.metric / evaluate.threshold)`);
  writeFileAtomic(paths.activeModel, fs.readFileSync(paths.model(model.version)));
  logWrote(ctx, paths.activeModel, `published model ${model.version} (${reason})`);
  return report;
}
