// The anime a song belongs to, when its title or album names it. Patterns are tried in order; the first that
// yields a plausible title wins and is named in `rule`. Returns null rather than guessing: a wrong title
// shown next to a song is worse than none.
export type TAnimeTitleInput = { title: string; album: string | null };
export type TAnimeTitleMatch = { animeTitle: string; rule: string };

type TTitleRule = { rule: string; field: "title" | "album"; pattern: RegExp; comment: string };

const MEDIA = "(?:TV\\s*アニメ|TVアニメーション|テレビアニメ|アニメ|劇場版|映画|劇場アニメ|アニメーション映画|OVA|Netflix)";
const SEASON_TAIL = /\s*[-–:]?\s*(season\s*\d+|\d+(st|nd|rd|th)\s+season|第\d+期|the\s+final\s+season(\s+part\s*\d+)?|final\s+season|part\s*\d+|vol\.?\s*\d+|volume\s*\d+|\d+)\s*$/i;

export const ANIME_TITLE_RULES: readonly TTitleRule[] = [
  { rule: "media-bracket", field: "album", pattern: new RegExp(`${MEDIA}\\s*[「『]([^」』]+)[」』]`), comment: "TVアニメ「…」, 劇場版『…』 in the album" },
  { rule: "media-bracket", field: "title", pattern: new RegExp(`${MEDIA}\\s*[「『]([^」』]+)[」』]`), comment: "TVアニメ「…」 in the title" },
  { rule: "from-quoted", field: "title", pattern: /[(（\[\-–]\s*from\s*(?:the\s+)?(?:anime\s+|tv\s+series\s+|movie\s+)?["“«]([^"”»]+)["”»]/i, comment: "'(From \"Naruto Shippuden\")', '- From \"…\"'" },
  { rule: "quoted-soundtrack", field: "album", pattern: /["“『「]([^"”』」]+)["”』」]\s*(?:.*?)(?:original\s+(?:motion\s+picture\s+)?soundtrack|soundtrack|O\.?S\.?T|サウンドトラック)/i, comment: "'\"Fairy Tail\" Original Soundtrack Vol.1', 'A Shape of Light \"A Silent Voice the Movie\" Original Soundtrack'" },
  { rule: "double-bracket", field: "album", pattern: /『([^』]+)』/, comment: "『…』 in the album names a work" },
  { rule: "soundtrack-suffix", field: "album", pattern: /^(.+?)\s*[-–:]?\s*(?:original\s+(?:motion\s+picture\s+|television\s+|tv\s+)?soundtrack|soundtrack(?:\s+music\s+collection)?|O\.S\.T\.?|OST|オリジナル・?サウンドトラック|サウンドトラック)(?![A-Za-z])/i, comment: "'Attack on Titan The Final Season Original Soundtrack', 'NARUTO-ナルト- 疾風伝 オリジナル・サウンドトラック'" },
  { rule: "op-ed-of", field: "title", pattern: /\b(?:opening|ending|OP|ED)\s*\d*\s+(?:of|from|de|del)\s+["“]?([^"”()]+?)["”]?\s*(?:\)|$)/i, comment: "'Opening of X', 'OP de X'" },
  { rule: "x-op-ed", field: "title", pattern: /[(（\[]\s*([^()（）\[\]]+?)\s+(?:opening|ending|OP|ED)\s*\d*\s*[)）\]]/i, comment: "'(Naruto Opening 3)', '(Bleach OP)'" },
  { rule: "album-bracket", field: "album", pattern: /「([^」]+)」/, comment: "「…」 in the album (e.g. '「○○」オープニングテーマ')" },
];

function clean(raw: string): string | null {
  const text = raw.normalize("NFKC").replace(/^[\s"“'«]+|[\s"”'»([（【-]+$/g, "").replace(SEASON_TAIL, "").trim();
  if (text.length < 2) return null;
  // Generic words are not titles: 'Vol.1', 'Original', 'Music'.
  if (/^(vol\.?\s*\d+|original|music|the|anime|best|theme|songs?)$/i.test(text)) return null;
  return text;
}

/** The anime title and the rule that found it, or null. */
export function matchAnimeTitle(input: TAnimeTitleInput): TAnimeTitleMatch | null {
  for (const rule of ANIME_TITLE_RULES) {
    const text = rule.field === "title" ? input.title : input.album;
    if (!text) continue;
    const m = rule.pattern.exec(text.normalize("NFKC"));
    const title = m?.[1] ? clean(m[1]) : null;
    if (title) return { animeTitle: title, rule: rule.rule };
  }
  return null;
}

export function extractAnimeTitle(input: TAnimeTitleInput): string | null {
  return matchAnimeTitle(input)?.animeTitle ?? null;
}
