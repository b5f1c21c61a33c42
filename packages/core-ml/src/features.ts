// The nine audio features the model uses, in model column order (the seed's choice).
import { z } from "zod";

export const FEATURE_NAMES = [
  "danceability",
  "energy",
  "loudness",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
] as const;

export type TFeatureName = (typeof FEATURE_NAMES)[number];

/** Raw (unscaled) audio features of one track, as Spotify reports them. */
export type TAudioFeatures = Record<TFeatureName, number>;

const finite = z.number().finite();

/** Spotify's documented ranges; loudness is dB (about −60..0, a few masters go slightly above 0). */
export const ZAudioFeatures = z.object({
  danceability: finite.min(0).max(1),
  energy: finite.min(0).max(1),
  loudness: finite.min(-70).max(10),
  speechiness: finite.min(0).max(1),
  acousticness: finite.min(0).max(1),
  instrumentalness: finite.min(0).max(1),
  liveness: finite.min(0).max(1),
  valence: finite.min(0).max(1),
  tempo: finite.min(0).max(300),
});
