// Search normalisation: one canonical form for titles and artists typed by listeners and stored in the catalog.
// NFKC folds full-width/half-width forms; diacritics are stripped from Latin letters only, so kana keep their
// dakuten/handakuten (が stays が); katakana fold to hiragana so either script finds the other.

const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const APOSTROPHES = /['’‘`´]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const KATAKANA = /[\u30A1-\u30F6]/g;

function foldKatakana(s: string): string {
  return s.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Canonical search form: "Ｌｅｖｉｔａｔｉｎｇ (feat. DaBaby)" → "levitating feat dababy". */
export function normalizeText(input: string): string {
  const folded = input.normalize("NFKC").toLowerCase().normalize("NFD").replace(LATIN_WITH_MARKS, "$1").normalize("NFC");
  return foldKatakana(folded).replace(APOSTROPHES, "").replace(NON_WORD, " ").trim();
}

// Decorations that do not change which song it is: "(feat. X)", "[Remastered]", " - From "La La Land"", "feat. X".
const BRACKETS = /\s*[([（【［「『][^)\]）】］」』]*[)\]）】］」』]/g;
const DASH_SUFFIX = /\s+[-–—]\s+.*$/;
const FEAT_SUFFIX = /\s+(feat\.?|ft\.?|featuring)\s.*$/i;

/** The title without bracketed parts, " - Remix"-style suffixes and "feat." credits, normalised. */
export function coreTitle(title: string): string {
  const stripped = title.normalize("NFKC").replace(BRACKETS, " ").replace(DASH_SUFFIX, "").replace(FEAT_SUFFIX, "");
  const core = normalizeText(stripped);
  return core.length > 0 ? core : normalizeText(title);
}

/** Scripts written without spaces between words (Japanese, Chinese, Korean), by UTF-16 code unit. */
export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || // hiragana, katakana, ー
    (c >= 0x3400 && c <= 0x9fff) || // CJK ideographs (+ extension A)
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xac00 && c <= 0xd7af) || // hangul syllables
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0xd840 && c <= 0xd87f) // high surrogates of CJK extension B–F
  );
}

/**
 * Index grams of a normalised string: padded character trigrams of each word; for CJK runs, padded bigrams
 * (Japanese titles are short and have no spaces, so trigrams would miss one- and two-character titles).
 * Works on UTF-16 code units: the rare astral character yields odd grams, but the same ones on both sides.
 */
export function grams(normalized: string): string[] {
  const out = new Set<string>();
  const addRun = (run: string, cjk: boolean) => {
    const padded = ` ${run} `;
    const n = cjk ? 2 : 3;
    for (let i = 0; i + n <= padded.length; i++) out.add(padded.substring(i, i + n));
  };
  let start = 0;
  let runCjk = false;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : 0x20;
    if (c === 0x20) {
      if (i > start) addRun(normalized.substring(start, i), runCjk);
      start = i + 1;
      continue;
    }
    const cjk = isCjkCode(c);
    if (i > start && cjk !== runCjk) {
      addRun(normalized.substring(start, i), runCjk);
      start = i;
    }
    runCjk = cjk;
  }
  return [...out];
}

/** Words sorted, so "stars city of" and "city of stars" compare equal. */
export function sortedTokens(normalized: string): string {
  return normalized.split(" ").filter(Boolean).sort().join(" ");
}
