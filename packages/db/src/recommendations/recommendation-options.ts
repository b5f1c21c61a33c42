// The listener's steering options as stored with a recommendation (Recommendation.options, jsonb): the seeds and
// "not like this" songs as resolved, the per-feature targets, the tempo range, variety, the artist cap and the list
// length. Parsed with zod on read, so a row written by an older version (or by hand) cannot reach a page malformed.
import { ZAudioFeatures } from "@anisong/core-ml";
import { z } from "zod";

export const ZStoredSeed = z.object({
  trackId: z.string(),
  title: z.string(),
  artists: z.array(z.string()),
  /** the provider that supplied the features */
  source: z.string(),
  features: ZAudioFeatures,
});
export type TStoredSeed = z.infer<typeof ZStoredSeed>;

export const ZRecommendationOptions = z.object({
  seeds: z.array(ZStoredSeed).min(1),
  avoid: z.array(ZStoredSeed),
  targets: z.partialRecord(z.enum(["energy", "valence", "danceability", "acousticness", "tempo"]), z.enum(["less", "same", "more"])),
  tempoRange: z.object({ min: z.number().optional(), max: z.number().optional() }).nullable(),
  variety: z.number().nullable(),
  maxPerArtist: z.number().int(),
  topN: z.number().int(),
});
export type TRecommendationOptions = z.infer<typeof ZRecommendationOptions>;
