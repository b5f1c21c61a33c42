// The pipeline's one typed configuration. Every default is the seed's choice (9 features, k = 5,
// random_state = 42, silhouette ≥ 0.2, top 10). A JSON file given with --config overrides any part;
// relative paths resolve against rootDir (default: the repo root).
import fs from "node:fs";
import path from "node:path";
import { FEATURE_NAMES } from "@anisong/core-ml";
import { findRepoRoot } from "@anisong/db";
import { ZColumnMap, type TColumnMap } from "@anisong/ingest";
import { z } from "zod";
import { PipelineError } from "../errors";

const featureColumns = Object.fromEntries(FEATURE_NAMES.map((f) => [f, f])) as Record<(typeof FEATURE_NAMES)[number], string>;

/** data/raw/anime_songs.csv: Spotify audio-features export plus `name`. */
export const SEED_COLUMNS: TColumnMap = { id: "id", title: "name", key: "key", mode: "mode", durationMs: "duration_ms", ...featureColumns };
/** data/catalog/spotify_tracks.csv.gz (Kaggle "Spotify Tracks Dataset"). */
export const CATALOG_COLUMNS: TColumnMap = {
  id: "track_id",
  title: "track_name",
  artists: "artists",
  album: "album_name",
  popularity: "popularity",
  genres: "track_genre",
  key: "key",
  mode: "mode",
  durationMs: "duration_ms",
  ...featureColumns,
};
/** data/sample/sample_search_songs.csv. */
export const SAMPLE_COLUMNS: TColumnMap = {
  id: "id",
  title: "title",
  key: "key",
  mode: "mode",
  durationMs: "duration_ms",
  ...featureColumns,
};

/**
 * What a run trains on. "seed": the 438 songs; "anime-catalog": the seed plus the catalog's `anime` rows,
 * de-duplicated (the value keeps its historical name; the catalog itself is only the tracks file).
 */
export const DATASETS = ["seed", "anime-catalog"] as const;
export type TDatasetName = (typeof DATASETS)[number];
export const ZDatasetName = z.enum(DATASETS);

const relativeOrAbsolute = z.string().min(1);

export const ZPipelineConfig = z
  .object({
    rootDir: z.string().min(1).optional(),
    dataset: ZDatasetName.default("seed"),
    features: z
      .array(z.enum(FEATURE_NAMES))
      .min(2)
      .default([...FEATURE_NAMES]),
    paths: z
      .object({
        seed: relativeOrAbsolute.default("data/raw/anime_songs.csv"),
        catalog: relativeOrAbsolute.default("data/catalog/spotify_tracks.csv.gz"),
        sample: relativeOrAbsolute.default("data/sample/sample_search_songs.csv"),
        /** a folder, or s3://bucket/prefix (endpoint and credentials from the AWS environment) */
        rawStore: relativeOrAbsolute.default("data/store"),
        interim: relativeOrAbsolute.default("data/interim"),
        processed: relativeOrAbsolute.default("data/processed"),
        final: relativeOrAbsolute.default("data/final"),
        reports: relativeOrAbsolute.default("data/reports"),
        models: relativeOrAbsolute.default("models"),
      })
      .prefault({}),
    columns: z
      .object({
        seed: ZColumnMap.default(SEED_COLUMNS),
        catalog: ZColumnMap.default(CATALOG_COLUMNS),
        sample: ZColumnMap.default(SAMPLE_COLUMNS),
        /** separator inside the artists and genres cells */
        listSeparator: z.string().min(1).default(";"),
      })
      .prefault({}),
    catalogGenre: z.string().min(1).default("anime"),
    clean: z
      .object({
        /** the run fails when more than this share of rows is invalid */
        maxBadRowShare: z.number().min(0).max(1).default(0.05),
      })
      .prefault({}),
    train: z
      .object({
        k: z.number().int().min(2).max(50).default(5),
        seed: z.number().int().min(0).default(42),
        nInit: z.number().int().min(1).max(100).default(10),
        maxIterations: z.number().int().min(1).default(300),
        tolerance: z.number().positive().default(1e-4),
        /** how a new song is placed: cosine to the centroids (the seed's rule) or euclidean */
        assignment: z.enum(["cosine", "euclidean"]).default("cosine"),
      })
      .prefault({}),
    sweep: z
      .object({ from: z.number().int().min(2).default(2), to: z.number().int().min(2).default(12) })
      .prefault({})
      .refine((s) => s.to >= s.from, { message: "sweep.to must be ≥ sweep.from" }),
    evaluate: z
      .object({
        threshold: z.number().min(-1).max(1).default(0.2),
        /** which silhouette must reach the threshold: the scored sample's (the seed's metric) or the training set's */
        metric: z.enum(["sample", "training"]).default("sample"),
      })
      .prefault({}),
    recommend: z.object({ topN: z.number().int().min(1).max(50).default(10) }).prefault({}),
    labels: z.object({ features: z.number().int().min(1).max(3).default(2) }).prefault({}),
    ingest: z.object({ chunkSize: z.number().int().min(1).max(20000).default(2000) }).prefault({}),
  })
  .strict();

export type TPipelineConfigInput = z.input<typeof ZPipelineConfig>;
export type TPipelineConfig = Omit<z.output<typeof ZPipelineConfig>, "rootDir"> & { rootDir: string };

/** Absolute locations (rawStore stays an s3:// URL when it is one). */
export type TPipelinePaths = TPipelineConfig["paths"];

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ");
}

export function resolvePipelineConfig(input: unknown = {}): TPipelineConfig {
  const parsed = ZPipelineConfig.safeParse(input);
  if (!parsed.success) throw new PipelineError(`invalid pipeline config: ${formatIssues(parsed.error)}`);
  const rootDir = path.resolve(parsed.data.rootDir ?? findRepoRoot());
  const resolve = (p: string) => (p.startsWith("s3://") || path.isAbsolute(p) ? p : path.join(rootDir, p));
  const paths = Object.fromEntries(Object.entries(parsed.data.paths).map(([k, v]) => [k, resolve(v)])) as TPipelinePaths;
  return { ...parsed.data, rootDir, paths };
}

/** Reads a JSON config file (if any) and applies CLI overrides on top. */
export function loadPipelineConfig(options: { file?: string; overrides?: (raw: Record<string, unknown>) => void } = {}): TPipelineConfig {
  let raw: Record<string, unknown> = {};
  if (options.file) {
    const file = path.resolve(options.file);
    if (!fs.existsSync(file)) throw new PipelineError(`config file not found: ${file}`);
    try {
      raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new PipelineError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw))
      throw new PipelineError(`config file ${file} must hold a JSON object`);
    if (typeof raw.rootDir === "string" && !path.isAbsolute(raw.rootDir)) raw.rootDir = path.resolve(path.dirname(file), raw.rootDir);
  }
  options.overrides?.(raw);
  return resolvePipelineConfig(raw);
}
