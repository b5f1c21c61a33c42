// train: k-means with k and seed from config; optional sweep over k; writes the model artifact,
// each song's cluster, and data/final/anime_clusters.csv.
import fs from "node:fs";
import { createModelArtifact, FEATURE_NAMES, kmeans, parseModelArtifact, silhouetteScore, type TModelArtifact } from "@anisong/core-ml";
import { writeFileAtomic } from "@anisong/ingest";
import { stringify } from "csv-stringify/sync";
import { logRead, logWrote, type TStepContext } from "../context";
import { artifactPaths } from "../io/artifact-paths";
import { readJson, writeJson } from "../io/artifacts";
import { ZCleanSongs, ZFeatures, ZScalerArtifact, type TSweepReport, type TTrainReport } from "../io/schemas";
import { clusterLabels } from "../io/trained-model";
import { renderSweepSvg } from "../report/sweep-chart";
import { computeTrainingDataHash } from "./training-hash";

export async function sweep(ctx: TStepContext, range: { from: number; to: number }) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const features = readJson(paths.features, ZFeatures, "featurize");
  const maxK = Math.min(range.to, features.scaled.length - 1);
  const points: TSweepReport["points"] = [];
  for (let k = range.from; k <= maxK; k++) {
    const fit = kmeans(features.scaled, k, {
      seed: config.train.seed,
      nInit: config.train.nInit,
      maxIterations: config.train.maxIterations,
      tolerance: config.train.tolerance,
    });
    points.push({ k, inertia: fit.inertia, silhouette: silhouetteScore(features.scaled, fit.labels) });
    ctx.log.progress("sweep k", k - range.from + 1, maxK - range.from + 1);
  }
  const report: TSweepReport = { dataHash: features.dataHash, seed: config.train.seed, points };
  writeJson(paths.sweepJson, report);
  logWrote(ctx, paths.sweepJson, `silhouette and inertia for k = ${range.from}..${maxK}`);
  writeFileAtomic(
    paths.sweepSvg,
    renderSweepSvg(points, `k sweep on ${features.scaled.length} songs (${config.dataset}), seed ${config.train.seed}`),
  );
  logWrote(ctx, paths.sweepSvg, "chart");
  for (const p of points)
    ctx.log.info(`  k=${String(p.k).padStart(2)}  silhouette ${p.silhouette.toFixed(4)}  inertia ${p.inertia.toFixed(1)}`);
  return report;
}

export async function train(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const features = readJson(paths.features, ZFeatures, "featurize");
  logRead(ctx, paths.features, `${features.scaled.length} rows`);
  const scaler = readJson(paths.scaler, ZScalerArtifact, "featurize");
  const { songs } = readJson(paths.cleanSongs, ZCleanSongs, "clean");
  logRead(ctx, paths.cleanSongs, `${songs.length} songs`);

  if (ctx.flags.sweep) await sweep(ctx, ctx.flags.sweep);

  const { k, seed, nInit, maxIterations, tolerance, assignment } = config.train;
  const fit = kmeans(features.scaled, k, { seed, nInit, maxIterations, tolerance });
  const silhouette = silhouetteScore(features.scaled, fit.labels);
  const trainingDataHash = computeTrainingDataHash(config, features.dataHash);
  let artifact: TModelArtifact = createModelArtifact({
    featureNames: features.featureNames,
    scaler: { mean: scaler.mean, scale: scaler.scale },
    k,
    centroids: fit.centroids,
    assignment,
    inertia: fit.inertia,
    silhouette,
    trainingRows: features.scaled.length,
    trainingDataHash,
  });
  // Same content → same version: keep the existing file (and its createdAt) instead of rewriting it.
  const modelFile = paths.model(artifact.version);
  if (fs.existsSync(modelFile)) {
    artifact = parseModelArtifact(JSON.parse(fs.readFileSync(modelFile, "utf8")));
    ctx.log.info(`  model ${artifact.version} already exists, kept as is`);
  } else {
    writeJson(modelFile, artifact);
    logWrote(ctx, modelFile, `model ${artifact.version}: k=${k}, inertia ${fit.inertia.toFixed(2)}, silhouette ${silhouette.toFixed(4)}`);
  }

  writeJson(paths.labels, { modelVersion: artifact.version, trackIds: features.trackIds, labels: fit.labels });
  logWrote(ctx, paths.labels, `cluster of each of ${fit.labels.length} songs`);

  const labels = clusterLabels(artifact, config);
  const sizes = artifact.centroids.map((_, i) => fit.labels.filter((l) => l === i).length);
  const byId = new Map(songs.map((s) => [s.id, s]));
  const csvRows = features.trackIds.map((id, i) => {
    const s = byId.get(id)!;
    const c = fit.labels[i]!;
    return [
      s.id,
      s.title,
      s.artists.join(";"),
      s.album ?? "",
      s.popularity ?? "",
      s.source,
      c,
      labels[c],
      ...FEATURE_NAMES.map((f) => s.features[f]),
    ];
  });
  writeFileAtomic(
    paths.clustersCsv,
    stringify(csvRows, {
      header: true,
      columns: ["id", "title", "artists", "album", "popularity", "source", "cluster", "cluster_label", ...FEATURE_NAMES],
    }),
  );
  logWrote(ctx, paths.clustersCsv, `${csvRows.length} songs with their cluster`);

  const report: TTrainReport = {
    modelVersion: artifact.version,
    modelFile,
    dataset: config.dataset,
    k,
    seed,
    inertia: artifact.inertia,
    silhouette: artifact.silhouette,
    iterations: fit.iterations,
    trainingRows: artifact.trainingRows,
    trainingDataHash,
    clusters: labels.map((label, index) => ({ index, size: sizes[index]!, label })),
  };
  writeJson(paths.trainReport, report);
  logWrote(ctx, paths.trainReport, `clusters: ${report.clusters.map((c) => `${c.index} "${c.label}" (${c.size})`).join(", ")}`);
  return report;
}
