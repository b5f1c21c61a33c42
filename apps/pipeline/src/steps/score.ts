// score: place the sample songs in clusters with the published rule (cosine to the centroids by default).
import fs from "node:fs";
import { assignCluster, scaleFeatures } from "@anisong/core-ml";
import { readCsvBytes, validateSongTable, writeFileAtomic } from "@anisong/ingest";
import { stringify } from "csv-stringify/sync";
import { logRead, logWrote, type TStepContext } from "../context";
import { PipelineError } from "../errors";
import { artifactPaths } from "../io/artifact-paths";
import { writeJson } from "../io/artifacts";
import type { TScoreReport } from "../io/schemas";
import { loadTrainedModel } from "../io/trained-model";

export async function score(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(ctx.config);
  const { model, labels } = loadTrainedModel(ctx);
  if (!fs.existsSync(config.paths.sample)) throw new PipelineError(`sample file not found: ${config.paths.sample}`);
  const table = readCsvBytes(fs.readFileSync(config.paths.sample), config.paths.sample);
  const sample = validateSongTable(table, { file: config.paths.sample, columns: config.columns.sample, source: "sample" });
  logRead(ctx, config.paths.sample, `${sample.totalRows} songs`);
  for (const bad of sample.badRows) ctx.log.warn(`sample row ${bad.row}: ${bad.reason}`);
  if (sample.songs.length === 0) throw new PipelineError(`${config.paths.sample}: no valid sample songs to score`);

  const report: TScoreReport = {
    modelVersion: model.version,
    songs: sample.songs.map((song) => {
      const scaled = Array.from(scaleFeatures(model, song.features));
      const cluster = assignCluster(scaled, model.centroids, { metric: model.assignment });
      return { id: song.id, title: song.title, cluster, label: labels[cluster]!, scaled };
    }),
  };
  writeJson(paths.scoreReport, report);
  logWrote(ctx, paths.scoreReport, `${report.songs.length} songs scored with model ${model.version}`);
  writeFileAtomic(
    paths.scoredCsv,
    stringify(
      report.songs.map((s) => [s.title, s.id, s.cluster, s.label]),
      { header: true, columns: ["title", "id", "cluster", "cluster_label"] },
    ),
  );
  logWrote(ctx, paths.scoredCsv, report.songs.map((s) => `${s.title} → ${s.cluster}`).join(", "));
  return report;
}
