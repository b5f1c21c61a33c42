// A library entry's kind, decided by documented patterns over its title, album and artists. The first rule
// that matches decides (the table's order is the priority) and is named in `rule`, so a report can say
// which pattern produced each kind. Version cuts (TV size, short ver., remaster) are found separately:
// a TV-size cut of an opening is still an original, and a version of it.
import { normalizeText } from "@anisong/providers";
import { foldTitle, type TVersionCut } from "./song-identity";

export const SONG_KINDS = ["original", "soundtrack", "cover"] as const;
export type TSongKind = (typeof SONG_KINDS)[number];

/** What listeners get unless they opt in: covers and arrangements are opt-in. */
export const DEFAULT_KINDS: readonly TSongKind[] = ["original", "soundtrack"];

export type TKindInput = {
  title: string;
  album: string | null;
  artists: readonly string[];
  /** Spotify's instrumentalness (0..1), when known: score cues are instrumental, openings and endings are sung */
  instrumentalness?: number | null;
};

/** At or above this instrumentalness an otherwise undecided track counts as a score cue. */
export const INSTRUMENTAL_CUE_THRESHOLD = 0.5;
export type TKindResult = {
  kind: TSongKind;
  isVersion: boolean;
  /** for a version cut: the folded title of the song it is a cut of */
  versionOf?: string;
  versionCut?: TVersionCut;
  rule: string;
};

type TField = "title" | "album" | "artist" | "title|album";
type TKindRule = { rule: string; kind: TSongKind; field: TField; pattern: RegExp; comment: string };

/**
 * Channels and artists whose anime-genre uploads are covers, raps, lofi or "epic" arrangements (checked
 * against their tracks in the tracks dataset's anime genre). Matched on any credited artist, normalised.
 */
export const COVER_ARTISTS: readonly string[] = [
  "Kato",
  "Kupla",
  "Raimu",
  "Otaku",
  "Kijugo",
  "kurochuu.",
  "Samuel Kim",
  "Torby Brand",
  "BigRicePiano",
  "kobasolo",
  "Rustage",
  "Shwabadi",
  "Connor Quest!",
  "Kballero Rap",
  "MegaR",
  "Doblecero",
  "Zarcort",
  "Keyblade",
  "Adrian Barba",
  "Khantrast",
  "Fery",
  "Laharl Square",
  "Tha J-SQUAD",
  "Remix Maniacs",
  "Daddyphatsnaps",
  "None Like Joshua",
  "GameboyJones",
  "Cam Steady",
  "Mega Ran",
  "Shao Dow",
  "954mari",
  "Ham Sandwich",
  "Jamar Rose",
  "Divide Music",
  "Dreaming Sheep",
  "Animenz",
  "Kyle Landry",
  "Rush Garcia",
  "Sam Green",
  "Kronno Zomber",
  "Porta",
  "Ivangel",
  "Cyclo",
  "Cris Alonso",
  "Mr. Animeshon",
  "Sonnie",
  "Lofi Fruits Music",
  "Chillhop Music",
  "Lo-Fi Beats",
  "Rxseboy",
  "Sunday Vibes",
  "Inheres",
  "Animelmack",
  "Vxnity",
  "ACN Music.",
  "Apollo Fresh",
  "SoulBeatz",
  "Bastiancortesxv",
  "Adlomusic",
  "Danie Green",
  "Musicality",
  "LoFi Waiter",
  "Jisatsu",
  "NerdOut",
  "DizzyEight",
  "Lex Bratcher",
];
const COVER_ARTIST_SET = new Set(COVER_ARTISTS.map((a) => normalizeText(a)));

/** Composers whose tracks in the dataset are score cues when neither title nor album says otherwise. */
export const SCORE_COMPOSERS: readonly string[] = [
  "Hiroyuki Sawano",
  "澤野弘之",
  "Yasuharu Takanashi",
  "高梨康治",
  "KOHTA YAMAMOTO",
  "Yuki Hayashi",
  "林ゆうき",
  "Evan Call",
  "Yugo Kanno",
  "菅野祐悟",
  "Kensuke Ushio",
  "牛尾憲輔",
  "Takatsugu Muramatsu",
  "Joe Hisaishi",
  "久石譲",
  "小畑貴裕",
  "Takahiro Obata",
  "Yutaka Yamada",
  "Shiro Sagisu",
  "鷺巣詩郎",
  "Go Shiina",
  "椎名豪",
  "Kevin Penkin",
  "Masaru Yokoyama",
  "横山克",
  "Yoko Kanno",
  "菅野よう子",
  "Toshio Masuda",
  "Kenji Kawai",
  "川井憲次",
  "Taku Iwasaki",
  "岩崎琢",
  "Hideyuki Fukasawa",
  "Akira Senju",
  "Shigeo Misaki",
  "Kaoru Wada",
  "Yoshihisa Hirano",
  "Hayato Matsuo",
  "Keiji Inai",
  "Tatsuya Kato",
  "Yasunori Mitsuda",
  "Hiroaki Tsutsumi",
  "Kenichiro Suehiro",
  "Masato Nakayama",
  "Mirai Kodai",
];
const SCORE_COMPOSER_SET = new Set(SCORE_COMPOSERS.map((a) => normalizeText(a)));

export const KIND_RULES: readonly TKindRule[] = [
  // Covers and arrangements first: "Unravel (Piano Ver.)" on an "Anime Piano" album is a cover even if it says "theme".
  {
    rule: "cover:lofi",
    kind: "cover",
    field: "title|album",
    pattern: /\blo-?fi\b|lofi|chillhop|chill\s*beats|sleep\s+anime|study\s+beats|anime\s*&\s*chill/i,
    comment: "lofi remakes: 'X but is it okay if it's lofi?', 'Anime Lofi Vol. 1'",
  },
  {
    rule: "cover:piano",
    kind: "cover",
    field: "title|album",
    pattern: /\bpiano\s*(ver(sion)?|cover|arrangement|collection)\b|\((solo\s+)?piano\)|anime\s+piano|ピアノ(ver|バージョン|アレンジ)/i,
    comment: "piano arrangements: 'Piano Ver.', '(Piano)', 'Anime Piano'",
  },
  {
    rule: "cover:epic",
    kind: "cover",
    field: "title|album",
    pattern: /\bepic\s+(ver(sion)?|orchestral|cover)\b|\borchestral\s+(ver(sion)?|cover|arrangement)\b|\bcinematic\s+ver(sion)?\b/i,
    comment: "'Epic Version', 'Orchestral Version', 'Cinematic Version' arrangements",
  },
  {
    rule: "cover:remix",
    kind: "cover",
    field: "title",
    pattern: /\bremix\b|\bbootleg\b|\bmash-?up\b|リミックス/i,
    comment: "remixes and mash-ups",
  },
  {
    rule: "cover:cover",
    kind: "cover",
    field: "title|album",
    pattern:
      /\bcover\b|\bcovers\b|カバー|歌ってみた|\bversi[oó]n\s+(en\s+)?espa[nñ]ol\b|\ben\s+espa[nñ]ol\b|\bspanish\s+ver(sion)?\b|\benglish\s+(ver(sion)?|cover)\b/i,
    comment: "'cover', 歌ってみた, Spanish/English-language versions by other singers",
  },
  {
    rule: "cover:rap",
    kind: "cover",
    field: "title|album",
    pattern: /\brap\b|\(rap\)|\bcypher\b|\bdiss\b|\bfreestyle\b/i,
    comment: "fan raps: 'Copy (Kakashi Rap)', 'Rap de …', cyphers, freestyles",
  },
  {
    rule: "soundtrack:title",
    kind: "soundtrack",
    field: "title",
    pattern: /\bsoundtrack\b|\bO\.?S\.?T\b|サウンドトラック/i,
    comment: "'X - From \"Eden\" Soundtrack': the title itself says score",
  },
  {
    rule: "cover:vibes",
    kind: "cover",
    field: "album",
    pattern: /\bvibes\b|music\s+box|8-?bit|オルゴール/i,
    comment: "'Naruto Vibes'-style lofi albums, music-box and 8-bit renditions",
  },
  {
    rule: "cover:from",
    kind: "cover",
    field: "title",
    pattern: /[(（\-–]\s*from\s+["“'«]?[^)）]+/i,
    comment: "'X (From \"Dragon Ball Super\")': how Spotify titles third-party renditions of a show's song",
  },
  {
    rule: "cover:artist",
    kind: "cover",
    field: "artist",
    pattern: /$^/,
    comment: "a credited artist is a known cover/rap/lofi channel (COVER_ARTISTS)",
  },
  // Soundtracks: the album says so, or the title is a cue, or the artist is a score composer.
  {
    rule: "soundtrack:album",
    kind: "soundtrack",
    field: "album",
    pattern:
      /original\s+(motion\s+picture\s+)?soundtrack|\bsoundtrack\b|\bO\.?S\.?T\b|サウンドトラック|サントラ|\bBGM\b|music\s+collection|\bscore\b|オリジナル・?サウンド/i,
    comment: "'Original Soundtrack', 'OST', 'O.S.T', サウンドトラック, 'BGM', 'Music Collection'",
  },
  {
    rule: "soundtrack:cue",
    kind: "soundtrack",
    field: "title",
    pattern: /\bmain\s+theme\b|^theme\s+of\b|'s\s+theme\b|\bBGM\b|\bM-?\d{1,3}\b|\binstrumental\b|\bsuite\b|\boverture\b/i,
    comment: "score cues: 'Main Theme', 'Theme of X', \"X's Theme\", 'M12', 'Suite', 'Instrumental'",
  },
  {
    rule: "soundtrack:composer",
    kind: "soundtrack",
    field: "artist",
    pattern: /$^/,
    comment: "lead artist is a score composer (SCORE_COMPOSERS)",
  },
  {
    rule: "soundtrack:instrumental",
    kind: "soundtrack",
    field: "title",
    pattern: /$^/,
    comment: `no vocals (instrumentalness ≥ ${INSTRUMENTAL_CUE_THRESHOLD}) and nothing above matched: a score cue (most seed cues have no album)`,
  },
  // Originals: the rest, with the explicit tie-in phrases named so the report can tell them from the default.
  {
    rule: "original:tie-in",
    kind: "original",
    field: "title|album",
    pattern:
      /\b(opening|ending)\b|\b(OP|ED)\d*\b|主題歌|オープニング|エンディング|挿入歌|キャラクターソング|キャラソン|\bcharacter\s+song\b|\binsert\s+song\b|\(CV[.:]|CV[.:]/i,
    comment: "opening/ending/insert/character song, 主題歌, (CV. …)",
  },
  {
    rule: "original:default",
    kind: "original",
    field: "title|album",
    pattern: /[\s\S]*/,
    comment: "everything else: a vocal single or album track",
  },
];

function matches(rule: TKindRule, input: TKindInput): boolean {
  if (rule.rule === "cover:artist") return input.artists.some((a) => COVER_ARTIST_SET.has(normalizeText(a)));
  if (rule.rule === "soundtrack:instrumental") return (input.instrumentalness ?? 0) >= INSTRUMENTAL_CUE_THRESHOLD;
  if (rule.rule === "soundtrack:composer") {
    const lead = input.artists[0];
    return lead !== undefined && SCORE_COMPOSER_SET.has(normalizeText(lead));
  }
  const album = input.album ?? "";
  switch (rule.field) {
    case "title":
      return rule.pattern.test(input.title);
    case "album":
      return rule.pattern.test(album);
    case "artist":
      return input.artists.some((a) => rule.pattern.test(a));
    case "title|album":
      return rule.pattern.test(input.title) || rule.pattern.test(album);
  }
}

export function classifyKind(input: TKindInput): TKindResult {
  const title = input.title.normalize("NFKC");
  const normalized = { ...input, title, album: input.album?.normalize("NFKC") ?? null };
  const rule = KIND_RULES.find((r) => matches(r, normalized))!;
  const folded = foldTitle(input.title);
  if (folded.cut === null) return { kind: rule.kind, isVersion: false, rule: rule.rule };
  return { kind: rule.kind, isVersion: true, versionOf: folded.base, versionCut: folded.cut, rule: rule.rule };
}
