// library: the wider anime library — the seed's songs plus the tracks dataset's anime rows, merged to one entry
// per recording, with provenance, kind, anime title, song key and cluster → data/library/library.json and
// data/reports/library.json. The model is not retrained: every song is placed by the published seed model
// (same scaler, same cosine-to-centroids rule as the score step); seed songs keep their training cluster.
import fs from "node:fs";
import path from "node:path";
import { assignCluster, parseModelArtifact, scaleFeatures, type TModelArtifact } from "@anisong/core-ml";
import { findRepoRoot } from "@anisong/db";
import { readCsvBytes, SPOTIFY_ID } from "@anisong/ingest";
import { scoreHandChecked, SONG_KINDS, type THandCheckedRow, type TLibrarySong } from "@anisong/library";
import { z } from "zod";
import { logRead, logWrote, type TStepContext } from "../context";
import { PipelineError } from "../errors";
import { artifactPaths } from "../io/artifact-paths";
import { contentHash, writeJson } from "../io/artifacts";
import { ZLabels } from "../io/schemas";
import { enrichmentByTrackId, readEnrichmentIfPresent } from "./enrichment-file";
import { buildLibraryFrom, readLibraryInputs } from "./library-inputs";

export const LIBRARY_SCHEMA_VERSION = 1;

/** data/library/ sits beside data/reports/ (the config has no entry of its own for it yet). */
export function libraryPaths(ctx: TStepContext) {
  const dir = path.join(path.dirname(ctx.config.paths.reports), "library");
  return {
    library: path.join(dir, "library.json"),
    report: path.join(ctx.config.paths.reports, "library.json"),
    handChecked: path.join(findRepoRoot(), "packages/library/test/fixtures/hand-checked-sample.csv"),
  };
}

function loadPublishedModel(ctx: TStepContext): TModelArtifact {
  const file = artifactPaths(ctx.config).activeModel;
  if (!fs.existsSync(file)) throw new PipelineError(`no published model at ${file}: run \`pnpm run pipeline all\` first`);
  const model = parseModelArtifact(JSON.parse(fs.readFileSync(file, "utf8")));
  logRead(ctx, file, `published model ${model.version}`);
  return model;
}

const ZHandCheckedRow = z.object({
  id: z.string().regex(SPOTIFY_ID),
  title: z.string().min(1),
  album: z.string(),
  artists: z.string(),
  instrumentalness: z.string(),
  true_kind: z.enum([...SONG_KINDS, "unsure"]),
  true_anime_title: z.string(),
  true_tie_in: z.enum(["yes", "no", "unsure"]),
  note: z.string(),
});

/** The hand-checked sample, validated row by row (a typo in a judgement must not silently change a figure). */
export function readHandChecked(file: string): THandCheckedRow[] | null {
  if (!fs.existsSync(file)) return null;
  const table = readCsvBytes(fs.readFileSync(file), file);
  return table.records.map((record, i) => {
    const parsed = ZHandCheckedRow.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PipelineError(`${file}:${i + 2}: ${issue.path.join(".")}: ${issue.message}`);
    }
    const r = parsed.data;
    return {
      id: r.id,
      title: r.title,
      album: r.album || null,
      artists: r.artists
        .split(";")
        .map((a) => a.trim())
        .filter(Boolean),
      instrumentalness: r.instrumentalness ? Number(r.instrumentalness) : null,
      trueKind: r.true_kind,
      trueAnimeTitle: r.true_anime_title,
      trueTieIn: r.true_tie_in,
    };
  });
}

function clusterSizes(k: number, clusters: number[]): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const c of clusters) sizes[c]!++;
  return sizes;
}

export async function library(ctx: TStepContext) {
  const { config } = ctx;
  const out = libraryPaths(ctx);
  const model = loadPublishedModel(ctx);

  const inputs = readLibraryInputs(ctx);
  const { badRows } = inputs;
  const enrichment = readEnrichmentIfPresent(ctx);
  const built = buildLibraryFrom(ctx, inputs, enrichment ? enrichmentByTrackId(enrichment) : undefined);

  // Seed songs keep the cluster k-means gave them when the published model is the one just trained on them.
  const labelsFile = artifactPaths(config).labels;
  const labels = fs.existsSync(labelsFile) ? ZLabels.parse(JSON.parse(fs.readFileSync(labelsFile, "utf8"))) : null;
  const trainingLabel = new Map<string, number>();
  if (labels?.modelVersion === model.version) labels.trackIds.forEach((id, i) => trainingLabel.set(id, labels.labels[i]!));
  const byRule = (s: TLibrarySong) => assignCluster(scaleFeatures(model, s.features), model.centroids, { metric: model.assignment });
  const songs = built.songs.map((s) => ({ ...s, clusterIndex: trainingLabel.get(s.id) ?? byRule(s) }));
  const isSeed = (s: TLibrarySong) => s.provenance.includes("seed");
  const extra = songs.filter((s) => !isSeed(s));

  const data = {
    schemaVersion: LIBRARY_SCHEMA_VERSION,
    version: contentHash(songs).slice(0, 16),
    modelVersion: model.version,
    sources: {
      seed: path.relative(config.rootDir, config.paths.seed),
      tracksDataset: path.relative(config.rootDir, config.paths.catalog),
      tracksDatasetGenre: config.catalogGenre,
      spotifyEnrichment: enrichment
        ? { file: path.relative(config.rootDir, artifactPaths(config).enrichment), version: enrichment.version }
        : null,
    },
    songs,
  };
  writeJson(out.library, data);
  logWrote(
    ctx,
    out.library,
    `${songs.length} entries (${built.stats.songs} songs, ${built.stats.versions} versions), library ${data.version}`,
  );

  const handRows = readHandChecked(out.handChecked);
  const byId = new Map<string, (typeof songs)[number]>();
  for (const s of songs) for (const id of [s.id, ...s.alternateIds]) byId.set(id, s);
  let handCheck = null;
  if (handRows) {
    const score = scoreHandChecked(handRows);
    // The tie-in flag needs the whole library (seed membership, seed artists), so it is scored here.
    const judged = handRows.filter((r) => r.trueTieIn === "yes" || r.trueTieIn === "no");
    const flaggedFalse = judged.filter((r) => byId.get(r.id)?.animeTieIn === false);
    const flaggedTrue = judged.filter((r) => byId.get(r.id)?.animeTieIn === true);
    handCheck = {
      file: path.relative(findRepoRoot(), out.handChecked),
      ...score,
      animeTieIn: {
        judged: judged.length,
        trulyNotAnime: judged.filter((r) => r.trueTieIn === "no").length,
        flaggedTrue: { predicted: flaggedTrue.length, correct: flaggedTrue.filter((r) => r.trueTieIn === "yes").length },
        flaggedFalse: { predicted: flaggedFalse.length, correct: flaggedFalse.filter((r) => r.trueTieIn === "no").length },
      },
      missingFromLibrary: handRows.filter((r) => !byId.has(r.id)).map((r) => r.id),
    };
  }

  const canonical = songs.filter((s) => !s.isVersion);
  const report = {
    libraryVersion: data.version,
    modelVersion: model.version,
    tracksDatasetBadRows: badRows,
    ...built.stats,
    defaultKinds: songs.filter((s) => s.kind !== "cover").length,
    kindsOfExtraSongs: Object.fromEntries(SONG_KINDS.map((k) => [k, extra.filter((s) => s.kind === k).length])),
    clusters: {
      k: model.k,
      rule: model.assignment,
      seedLabelsFrom: trainingLabel.size > 0 ? "training labels of the published model" : "the assignment rule (no matching labels.json)",
      seedOnly: clusterSizes(
        model.k,
        songs.filter(isSeed).map((s) => s.clusterIndex),
      ),
      withExtraSongs: clusterSizes(
        model.k,
        songs.map((s) => s.clusterIndex),
      ),
      extraSongsOnly: clusterSizes(
        model.k,
        extra.map((s) => s.clusterIndex),
      ),
      withExtraSongsOneEntryPerSong: clusterSizes(
        model.k,
        canonical.map((s) => s.clusterIndex),
      ),
      withExtraSongsDefaultKinds: clusterSizes(
        model.k,
        canonical.filter((s) => s.kind !== "cover").map((s) => s.clusterIndex),
      ),
    },
    handCheck,
  };
  writeJson(out.report, report);
  logWrote(
    ctx,
    out.report,
    `${songs.length} entries; artists ${(built.stats.artistCoverage.share * 100).toFixed(1)}%; anime titles ${(built.stats.animeTitles.share * 100).toFixed(1)}%; clusters ${report.clusters.withExtraSongs.join("/")}`,
  );
  return report;
}
