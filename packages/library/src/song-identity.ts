// What makes two library entries one song: the same recording (identical nine features and duration), or
// versions of one song (same normalised title and lead artist once TV-size/short/remaster cuts, "feat." credits
// and "- From …" tags are folded away). Normalisation is the catalog search's own `normalizeText` (pure), so a
// title folds the same way here as when a listener types it.
import { FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import { normalizeText } from "@anisong/providers";

export type TVersionCut = "tv-size" | "short" | "remaster";

/** Version cuts, each with the words that mark it inside brackets, after " - ", or at the end of the title. */
export const VERSION_CUT_PATTERNS: readonly { cut: TVersionCut; pattern: RegExp; comment: string }[] = [
  {
    cut: "tv-size",
    pattern: /\btv[\s-]*(size|サイズ|ver(sion)?|edit)\b|tvサイズ|テレビサイズ/i,
    comment: "the 89-second broadcast cut: (TV Size), TV size ver., TVサイズ",
  },
  {
    cut: "short",
    pattern: /\bshort[\s-]*(ver(sion)?|size|edit)\b|ショート(ver|バージョン)?/i,
    comment: "short ver. / short version / -short edit-",
  },
  { cut: "remaster", pattern: /\bre-?master(ed)?\b|リマスター/i, comment: "Remaster(ed), '2015 Remaster', '(Remaster for …)'" },
];

/** Credits and tie-in tags that do not change which song it is. */
const DROPPED_DECORATION = /^\s*(feat\.?|ft\.?|featuring|with\s|from\s|from$|prod\.?\s)/i;

// One bracketed part: (…), [...], （…）, 【…】, or an enclosing -…- at the end ("-short ver.-").
const BRACKETED = /\s*(\([^()]*\)|\[[^\]]*\]|（[^（）]*）|【[^】]*】|\s-[^-]+-\s*$)/g;
const DASH_SUFFIX = /\s+[-–—]\s+(.*)$/;
const BARE_TRAILING_CUT = /\s+(tv\s*size|short)(\s*ver(sion)?\.?)?\s*$/i;
const BARE_FEAT = /\s+(feat\.?|ft\.?|featuring)\s.*$/i;

export type TFoldedTitle = { base: string; cut: TVersionCut | null };

function cutOf(text: string): TVersionCut | null {
  return VERSION_CUT_PATTERNS.find((p) => p.pattern.test(text))?.cut ?? null;
}

/** The title without version-cut, credit and tie-in decorations (display form, not yet normalised), and the cut found. */
export function foldTitle(title: string): TFoldedTitle {
  let cut: TVersionCut | null = null;
  let text = title.normalize("NFKC");
  text = text.replace(BRACKETED, (part) => {
    const inner = part.trim().replace(/^[-([（【]|[-)\]）】]$/g, "");
    const found = cutOf(inner);
    if (found) {
      cut ??= found;
      return "";
    }
    return DROPPED_DECORATION.test(inner) ? "" : part;
  });
  const dash = DASH_SUFFIX.exec(text);
  if (dash) {
    const found = cutOf(dash[1]!);
    if (found) cut ??= found;
    if (found || DROPPED_DECORATION.test(dash[1]!)) text = text.slice(0, dash.index);
  }
  const bare = BARE_TRAILING_CUT.exec(text);
  if (bare) {
    cut ??= cutOf(bare[0]) ?? (/tv/i.test(bare[1]!) ? "tv-size" : "short");
    text = text.slice(0, bare.index);
  }
  text = text.replace(BARE_FEAT, "").trim();
  return { base: text.length > 0 ? text : title.trim(), cut };
}

/** Normalised, folded title: "Guren no Yumiya Tv Size Ver." and "紅蓮の弓矢 (TV Size)" style cuts compare to their full song. */
export function normalizedTitle(title: string): string {
  const folded = normalizeText(foldTitle(title).base);
  return folded.length > 0 ? folded : normalizeText(title);
}

/** The first credited artist, normalised; null when the entry has no artists. */
export function leadArtist(artists: readonly string[]): string | null {
  const first = artists.map((a) => normalizeText(a)).find((a) => a.length > 0);
  return first ?? null;
}

/**
 * Entries sharing a song key are versions of one song. Without an artist the key falls back to the id:
 * a bare title is too weak to claim two seed songs are one.
 */
export function songKeyOf(input: { id: string; title: string; artists: readonly string[] }): string {
  const lead = leadArtist(input.artists);
  return lead === null ? `${normalizedTitle(input.title)}|#${input.id}` : `${normalizedTitle(input.title)}|${lead}`;
}

/** The nine features exactly as the data reports them: at 3–6 significant digits each, a recording's fingerprint. */
export function featuresKey(features: TAudioFeatures): string {
  return FEATURE_NAMES.map((f) => features[f]).join("|");
}

/**
 * Durations of one recording may differ slightly: the tracks dataset lists release variants of one master
 * 1 ms to 1.3 s apart (紅蓮華 238,587 / 238,586 ms, ブルーバード 217,013 / 215,706 ms) with identical features.
 */
export const RECORDING_DURATION_TOLERANCE_MS = 2000;

/** Exact key of a recording (features and duration as reported): for lookups; merging uses `sameRecording`. */
export function recordingKey(features: TAudioFeatures, durationMs: number | null): string {
  return `${featuresKey(features)}|${durationMs ?? "?"}`;
}

/** One recording: identical nine features and the same duration (within the tolerance; unknown matches). */
export function sameRecording(
  a: { features: TAudioFeatures; durationMs: number | null },
  b: { features: TAudioFeatures; durationMs: number | null },
  toleranceMs = RECORDING_DURATION_TOLERANCE_MS,
): boolean {
  if (featuresKey(a.features) !== featuresKey(b.features)) return false;
  return a.durationMs === null || b.durationMs === null || Math.abs(a.durationMs - b.durationMs) <= toleranceMs;
}
