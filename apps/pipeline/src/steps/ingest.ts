// ingest: write the evaluated model, its clusters (with the labels train derived) and its songs into the database,
// in one transaction that activates the model last. Refuses a model evaluate did not pass unless --force.
import fs from "node:fs";
import type { TModelArtifact } from "@anisong/core-ml";
import { closePrismaClient, createPrismaClient, migrateDatabase, resolveDatabaseConfig, type TDatabaseConfig } from "@anisong/db";
import { ingestModel } from "@anisong/ingest";
import { logRead, logWrote, type TStepContext } from "../context";
import { PipelineError } from "../errors";
import { artifactPaths } from "../io/artifact-paths";
import { readJson, writeJson } from "../io/artifacts";
import { ZCleanSongs, ZEvaluateReport, ZLabels } from "../io/schemas";
import { loadTrainedModel } from "../io/trained-model";
import { librarySongs, readLibraryFor } from "./ingest-library";

export function describeDatabase(config: TDatabaseConfig): string {
  return config.kind === "pglite"
    ? `PGlite at ${config.dataDir}`
    : `PostgreSQL at ${new URL(config.url).host}${new URL(config.url).pathname}`;
}

function checkEvaluation(ctx: TStepContext, model: TModelArtifact): void {
  const file = artifactPaths(ctx.config).evaluateReportFor(model.version);
  if (!fs.existsSync(file)) {
    if (ctx.flags.force) return ctx.log.warn(`model ${model.version} was never evaluated; ingesting anyway (--force)`);
    throw new PipelineError(`model ${model.version} has not been evaluated: run \`pnpm run pipeline evaluate\` (or pass --force)`);
  }
  const evaluation = readJson(file, ZEvaluateReport, "evaluate");
  logRead(ctx, file, evaluation.reason);
  if (!evaluation.passed) {
    if (ctx.flags.force) return ctx.log.warn(`model ${model.version} failed evaluation (${evaluation.reason}); ingesting anyway (--force)`);
    throw new PipelineError(
      `model ${model.version} failed evaluation (${evaluation.reason}): refusing to ingest (pass --force to override)`,
    );
  }
}

export async function ingest(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const { model, labels: clusterLabels } = loadTrainedModel(ctx);
  checkEvaluation(ctx, model);
  const { songs } = readJson(paths.cleanSongs, ZCleanSongs, "clean");
  logRead(ctx, paths.cleanSongs, `${songs.length} songs`);
  const labels = readJson(paths.labels, ZLabels, "train");
  if (labels.modelVersion !== model.version)
    throw new PipelineError(`${paths.labels} belongs to model ${labels.modelVersion}: run \`pnpm run pipeline train\``);
  logRead(ctx, paths.labels, `clusters of ${labels.labels.length} songs`);

  const clusterOf = new Map(labels.trackIds.map((id, i) => [id, labels.labels[i]!]));
  const missing = songs.filter((s) => !clusterOf.has(s.id));
  if (missing.length > 0)
    throw new PipelineError(
      `${missing.length} cleaned songs have no cluster in ${paths.labels}: run \`pnpm run pipeline featurize\` and \`train\``,
    );
  const seedSongs = songs.map((s) => ({ ...s, cluster: clusterOf.get(s.id)! }));
  const {
    songs: withClusters,
    libraryVersion,
    seedOnlySizes,
  } = librarySongs({ seed: seedSongs, library: readLibraryFor(ctx, model.version), k: model.k });
  const clusters = model.centroids.map((centroid, index) => ({
    index,
    centroid,
    label: clusterLabels[index]!,
    size: withClusters.filter((s) => s.cluster === index).length,
  }));

  const database = ctx.database ?? resolveDatabaseConfig();
  const migration = await migrateDatabase(database);
  if (migration.applied.length > 0) ctx.log.info(`  migrated ${describeDatabase(database)}: ${migration.applied.join(", ")}`);
  const db = await createPrismaClient(database);
  try {
    const result = await ingestModel(
      db,
      { artifact: model, clusters, songs: withClusters, libraryVersion },
      {
        chunkSize: config.ingest.chunkSize,
        onProgress: (done, total) => ctx.log.progress("ingest rows", done, total),
      },
    );
    const rate = result.status === "created" ? Math.round(result.songsTotal / (result.durationMs / 1000)) : null;
    const what =
      result.status === "unchanged"
        ? `model ${model.version} is already active: nothing changed`
        : result.status === "activated"
          ? `model ${model.version} was already stored: made it active`
          : result.status === "library-updated"
            ? `model ${model.version} active with library ${libraryVersion}: ${result.songsTotal} songs (${result.songsInserted} new)`
            : `model ${model.version} active, ${clusters.length} clusters, ${result.songsTotal} songs (${result.songsInserted} new) at ${rate} songs/s`;
    ctx.log.info(`  wrote ${describeDatabase(database)}: ${what}`);
    const report = {
      ...result,
      database: describeDatabase(database),
      songsPerSecond: rate,
      libraryVersion,
      clusters: clusters.map(({ index, label, size }) => ({ index, label, size, seedOnly: seedOnlySizes[index]! })),
    };
    writeJson(paths.ingestReport, report);
    logWrote(ctx, paths.ingestReport, result.status);
    return report;
  } finally {
    await closePrismaClient(db);
  }
}
