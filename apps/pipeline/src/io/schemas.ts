// Shapes of the artifacts the steps hand to each other (validated whenever a step reads one).
import { ZCleanSong } from "@anisong/ingest";
import { ZAudioFeatures } from "@anisong/core-ml";
import { z } from "zod";
import { ZDatasetName } from "../config/pipeline-config";

export const ZAcquireReport = z.object({
  objects: z.array(
    z.object({
      input: z.enum(["seed", "catalog"]),
      source: z.string(),
      key: z.string(),
      location: z.string(),
      sha256: z.string(),
      bytes: z.number(),
    }),
  ),
});

export const ZCleanSongs = z.object({
  dataset: ZDatasetName,
  datasetHash: z.string(),
  songs: z.array(ZCleanSong).min(1),
});
export type TCleanSongs = z.infer<typeof ZCleanSongs>;

export const ZFeatures = z.object({
  dataHash: z.string(),
  featureNames: z.array(z.string()).min(1),
  trackIds: z.array(z.string()),
  scaled: z.array(z.array(z.number())),
});
export type TFeatures = z.infer<typeof ZFeatures>;

export const ZScalerArtifact = z.object({
  hash: z.string(),
  featureNames: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  fittedOn: z.string(),
});

export const ZLabels = z.object({ modelVersion: z.string(), trackIds: z.array(z.string()), labels: z.array(z.number().int().min(0)) });
export type TLabels = z.infer<typeof ZLabels>;

export const ZTrainReport = z.object({
  modelVersion: z.string(),
  modelFile: z.string(),
  dataset: ZDatasetName,
  k: z.number(),
  seed: z.number(),
  inertia: z.number(),
  silhouette: z.number(),
  iterations: z.number(),
  trainingRows: z.number(),
  trainingDataHash: z.string(),
  clusters: z.array(z.object({ index: z.number(), size: z.number(), label: z.string() })),
});
export type TTrainReport = z.infer<typeof ZTrainReport>;

export const ZScoreReport = z.object({
  modelVersion: z.string(),
  songs: z.array(z.object({ id: z.string(), title: z.string(), cluster: z.number(), label: z.string(), scaled: z.array(z.number()) })),
});
export type TScoreReport = z.infer<typeof ZScoreReport>;

export const ZEvaluateReport = z.object({
  modelVersion: z.string(),
  metric: z.enum(["sample", "training"]),
  threshold: z.number(),
  sampleSilhouette: z.number().nullable(),
  sampleNote: z.string().optional(),
  sampleClusters: z.array(z.number()),
  trainingSilhouette: z.number(),
  passed: z.boolean(),
  reason: z.string(),
  published: z.boolean(),
});
export type TEvaluateReport = z.infer<typeof ZEvaluateReport>;

export const ZSweepReport = z.object({
  dataHash: z.string(),
  seed: z.number(),
  points: z.array(z.object({ k: z.number(), inertia: z.number(), silhouette: z.number() })),
});
export type TSweepReport = z.infer<typeof ZSweepReport>;

/** data/library/library.json as the ingest step reads it (the fields it writes to the database). */
export const ZLibraryFile = z.object({
  schemaVersion: z.literal(1),
  version: z.string().min(1),
  modelVersion: z.string().min(1),
  songs: z.array(
    z.object({
      id: z.string().min(1),
      alternateIds: z.array(z.string()),
      title: z.string().min(1),
      artists: z.array(z.string()),
      album: z.string().nullable(),
      features: ZAudioFeatures,
      durationMs: z.number().int().nullable(),
      provenance: z.array(z.enum(["seed", "tracks-dataset"])).min(1),
      kind: z.enum(["original", "soundtrack", "cover"]),
      isVersion: z.boolean(),
      songKey: z.string(),
      animeTitle: z.string().nullable(),
      clusterIndex: z.number().int().min(0),
      // Spotify enrichment (absent in a library written before the enrich step existed)
      releaseDate: z.string().nullable().default(null),
      coverUrl: z.string().nullable().default(null),
    }),
  ),
});
export type TLibraryFile = z.infer<typeof ZLibraryFile>;

const ZSpotifyTrackId = z.string().regex(/^[0-9A-Za-z]{22}$/);

/** One track's Spotify metadata as the enrich step keeps it. */
export const ZEnrichmentEntry = z.object({
  title: z.string(),
  artists: z.array(z.string().min(1)),
  album: z.string().min(1).nullable(),
  releaseDate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .nullable(),
  releaseDatePrecision: z.enum(["year", "month", "day"]).nullable(),
  coverUrl: z.url({ protocol: /^https$/ }).nullable(),
  fetchedAt: z.iso.datetime(),
});
export type TEnrichmentEntry = z.infer<typeof ZEnrichmentEntry>;

export const ENRICHMENT_SCHEMA_VERSION = 1;

/** data/enrichment/spotify-enrichment.json: what Spotify answered, by the track id asked; read by every later run. */
export const ZEnrichmentFile = z.object({
  schemaVersion: z.literal(ENRICHMENT_SCHEMA_VERSION),
  source: z.literal("spotify"),
  /** content hash of entries + notFound without the fetch times: the library records it */
  version: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  entries: z.record(ZSpotifyTrackId, ZEnrichmentEntry),
  /** ids Spotify answered null for (not asked again) → when */
  notFound: z.record(ZSpotifyTrackId, z.iso.datetime()),
});
export type TEnrichmentFile = z.infer<typeof ZEnrichmentFile>;
