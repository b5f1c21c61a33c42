// The trained model as the later steps see it: the artifact train wrote and the cluster labels train derived.
// Labels are derived once, in train (clusterLabels), and read back from its report, never recomputed.
import fs from "node:fs";
import { deriveClusterLabel, parseModelArtifact, type TModelArtifact } from "@anisong/core-ml";
import type { TPipelineConfig } from "../config/pipeline-config";
import { logRead, type TStepContext } from "../context";
import { PipelineError } from "../errors";
import { artifactPaths } from "./artifact-paths";
import { readJson } from "./artifacts";
import { ZTrainReport } from "./schemas";

export type TTrainedModel = {
  model: TModelArtifact;
  /** labels[i] names cluster i. */
  labels: string[];
};

/** The label of each centroid, from the configured number of features (train's one derivation). */
export function clusterLabels(model: TModelArtifact, config: TPipelineConfig): string[] {
  return model.centroids.map((c) => deriveClusterLabel(c, model.featureNames, config.labels.features));
}

export function loadTrainedModel(ctx: TStepContext): TTrainedModel {
  const paths = artifactPaths(ctx.config);
  const report = readJson(paths.trainReport, ZTrainReport, "train");
  const file = paths.model(report.modelVersion);
  if (!fs.existsSync(file)) throw new PipelineError(`model file ${file} is missing: run \`pnpm run pipeline train\``);
  const model = parseModelArtifact(JSON.parse(fs.readFileSync(file, "utf8")));
  if (model.version !== report.modelVersion || report.clusters.length !== model.k) {
    throw new PipelineError(`${paths.trainReport} does not describe model ${model.version}: run \`pnpm run pipeline train\``);
  }
  logRead(ctx, file, `model ${model.version}`);
  const labels = [...report.clusters].sort((a, b) => a.index - b.index).map((c) => c.label);
  return { model, labels };
}
