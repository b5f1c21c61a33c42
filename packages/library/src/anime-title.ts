// The anime a song belongs to, when its title or album names it. Patterns are tried in order; the first that
// yields a plausible title wins and is named in `rule`. Returns null rather than guessing: a wrong title
// shown next to a song is worse than none.
export type TAnimeTitleInput = { title: string; album: string | null };
export type TAnimeTitleMatch = { animeTitle: string; rule: string };

type TTitleRule = {
  rule: string;
  field: "title" | "album";
  pattern: RegExp;
  comment: string;
  /** the rule applies only when this holds for the whole input */
  when?: (input: TAnimeTitleInput) => boolean;
};

// Lofi remakes name the show in brackets ("Unravel Lofi (Tokyo Ghoul)"); fan raps name a character instead
// ("Copy (Kakashi Rap)"), so only lofi/anime-cover titles qualify, and not brackets that hold credits or cuts.
const LOFI_OR_ANIME_COVER = /\blo-?fi\b|lofi|anime\s+(covers?|piano|lofi)/i;
const NOT_A_SHOW = /\b(rap|remix|feat\.?|ft\.?|ver(sion)?|theme|mix|edit|cover|instrumental|live)\b/i;

const MEDIA = "(?:TV\\s*アニメ|TVアニメーション|テレビアニメ|アニメ|劇場版|映画|劇場アニメ|アニメーション映画|OVA|Netflix)";
const SEASON_TAIL =
  /\s*[-–:]?\s*(season\s*\d+|\d+(st|nd|rd|th)\s+season|第\d+期|the\s+final\s+season(\s+part\s*\d+)?|final\s+season|part\s*\d+|vol\.?\s*\d+|volume\s*\d+|\d+)\s*$/i;

export const ANIME_TITLE_RULES: readonly TTitleRule[] = [
  {
    rule: "media-bracket",
    field: "album",
    pattern: new RegExp(`${MEDIA}\\s*[「『]([^」』]+)[」』]`),
    comment: "TVアニメ「…」, 劇場版『…』 in the album",
  },
  {
    rule: "media-bracket",
    field: "title",
    pattern: new RegExp(`${MEDIA}\\s*[「『]([^」』]+)[」』]`),
    comment: "TVアニメ「…」 in the title",
  },
  {
    rule: "from-quoted",
    field: "title",
    pattern: /[(（[\-–]\s*from\s*(?:the\s+)?(?:anime\s+|tv\s+series\s+|movie\s+)?["“«]([^"”»]+)["”»]/i,
    comment: "'(From \"Naruto Shippuden\")', '- From \"…\"'",
  },
  {
    rule: "quoted-soundtrack",
    field: "album",
    pattern:
      /["“『「]([^"”』」]+)["”』」]\s*(?:.*?)(?:original\s+(?:motion\s+picture\s+)?soundtrack|soundtrack|O\.?S\.?T|サウンドトラック)/i,
    comment: "'\"Fairy Tail\" Original Soundtrack Vol.1', 'A Shape of Light \"A Silent Voice the Movie\" Original Soundtrack'",
  },
  { rule: "double-bracket", field: "album", pattern: /『([^』]+)』/, comment: "『…』 in the album names a work" },
  {
    rule: "soundtrack-suffix",
    field: "album",
    pattern:
      /^(.+?)\s*[-–:]?\s*(?:original\s+(?:motion\s+picture\s+|television\s+|tv\s+)?soundtrack|soundtrack(?:\s+music\s+collection)?|O\.S\.T\.?|OST|オリジナル・?サウンドトラック|サウンドトラック)(?![A-Za-z])/i,
    comment: "'Attack on Titan The Final Season Original Soundtrack', 'NARUTO-ナルト- 疾風伝 オリジナル・サウンドトラック'",
  },
  {
    rule: "op-ed-of",
    field: "title",
    pattern: /\b(?:opening|ending|OP|ED)\s*\d*\s+(?:of|from|de|del)\s+["“]?([^"”()]+?)["”]?\s*(?:\)|$)/i,
    comment: "'Opening of X', 'OP de X'",
  },
  {
    rule: "x-op-ed",
    field: "title",
    pattern: /[(（[]\s*([^()（）[\]]+?)\s+(?:opening|ending|OP|ED)\s*\d*\s*[)）\]]/i,
    comment: "'(Naruto Opening 3)', '(Bleach OP)'",
  },
  { rule: "album-bracket", field: "album", pattern: /「([^」]+)」/, comment: "「…」 in the album (e.g. '「○○」オープニングテーマ')" },
  {
    rule: "lofi-bracket",
    field: "title",
    pattern: /\(([^()]+)\)\s*$/,
    comment: "'Unravel Lofi (Tokyo Ghoul)', 'Konoha Peace (Naruto)' on 'Sleep Anime Lofi Beats'",
    when: (input) => LOFI_OR_ANIME_COVER.test(`${input.title} ${input.album ?? ""}`),
  },
];

function clean(raw: string): string | null {
  const text = raw
    .normalize("NFKC")
    .replace(/^[\s"“'«]+|[\s"”'»([（【-]+$/g, "")
    .replace(SEASON_TAIL, "")
    .trim();
  if (text.length < 2) return null;
  // Generic words are not titles: 'Vol.1', 'Original', 'Music'.
  if (/^(vol\.?\s*\d+|original|music|the|anime|best|theme|songs?)$/i.test(text)) return null;
  return text;
}

/** The anime title and the rule that found it, or null. */
export function matchAnimeTitle(input: TAnimeTitleInput): TAnimeTitleMatch | null {
  for (const rule of ANIME_TITLE_RULES) {
    const text = rule.field === "title" ? input.title : input.album;
    if (!text || (rule.when && !rule.when(input))) continue;
    const m = rule.pattern.exec(text.normalize("NFKC"));
    const found = m?.[1]?.replace(/\s*\blo-?fi\b\s*/gi, " ");
    const title = found && (rule.rule !== "lofi-bracket" || !NOT_A_SHOW.test(found)) ? clean(found) : null;
    if (title) return { animeTitle: title, rule: rule.rule };
  }
  return null;
}

export function extractAnimeTitle(input: TAnimeTitleInput): string | null {
  return matchAnimeTitle(input)?.animeTitle ?? null;
}
