// Display helpers for the nine audio features (client-safe: no server imports).
import type { TAudioFeatures, TFeatureName } from "./api-types";

export const FEATURE_LABELS: Record<TFeatureName, string> = {
  danceability: "Danceability",
  energy: "Energy",
  loudness: "Loudness",
  speechiness: "Speechiness",
  acousticness: "Acousticness",
  instrumentalness: "Instrumentalness",
  liveness: "Liveness",
  valence: "Positivity",
  tempo: "Tempo",
};

export const FEATURE_ORDER = Object.keys(FEATURE_LABELS) as TFeatureName[];

/** Most features are already 0–1; loudness (dB) and tempo (BPM) are mapped onto 0–1 for the bars. */
const RANGES: Partial<Record<TFeatureName, [number, number]>> = { loudness: [-60, 0], tempo: [40, 220] };

export function normaliseFeature(name: TFeatureName, value: number): number {
  const [lo, hi] = RANGES[name] ?? [0, 1];
  return Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
}

export function formatFeature(name: TFeatureName, value: number): string {
  if (name === "loudness") return `${value.toFixed(1)} dB`;
  if (name === "tempo") return `${Math.round(value)} BPM`;
  return value.toFixed(2);
}

export function featureRows(a: TAudioFeatures, b: TAudioFeatures) {
  return FEATURE_ORDER.map((name) => ({ name, label: FEATURE_LABELS[name], a: a[name], b: b[name] }));
}

/** Some seed songs have no artist on record. */
export function artistsText(artists: readonly string[]): string {
  return artists.length > 0 ? artists.join(", ") : "Unknown artist";
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;

/**
 * `lang="ja"` for text with kana or kanji, so browsers pick Japanese glyph forms for Han characters and
 * screen readers a Japanese voice; Latin titles keep the page's language.
 */
export function langOf(text: string): "ja" | undefined {
  return JAPANESE.test(text) ? "ja" : undefined;
}
