// Offline catalog search: gram index for candidates, edit-distance scoring for ranking.
import { FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import { InvalidQueryError } from "../errors";
import { coreTitle, grams, normalizeText } from "../text/normalize";
import { spotifyTrackUrl, type TTextQuery, type TTrack } from "../types";
import { FEATURE_COUNT, type TCatalogData } from "./catalog-data";
import { GramIndex, type TGramIndexSnapshot } from "./gram-index";
import { artistSimilarity, prepare, titleSimilarity, type TPrepared } from "./match-score";

export type TCatalogEntry = { track: TTrack; features: TAudioFeatures };

export type TCatalogMatch = TCatalogEntry & {
  /** Combined match quality in [0, 1]; 1 for an exact normalised title (+ artist) match. */
  score: number;
  titleScore?: number;
  artistScore?: number;
  exact: boolean;
  /** Close enough to stand for the listener's song (exact, or title ≥ 0.8 and artist ≥ 0.75 where given). */
  confident: boolean;
};

export type TCatalogSearchOptions = { limit?: number };

const TITLE_WEIGHT = 0.65;
const ARTIST_WEIGHT = 0.35;
const CANDIDATES = 150;
const CONFIDENT_TITLE = 0.8;
const CONFIDENT_ARTIST = 0.75;
/** Scores within one bucket count as equally good, so popularity decides between them. */
const SCORE_BUCKET = 0.05;
export const MAX_QUERY_LENGTH = 300;
const MAX_QUERY_GRAMS = 40;

/** Everything a Catalog holds, derived from the file once; what the on-disk cache stores. */
export type TCatalogSnapshot = {
  data: TCatalogData;
  normTitles: string[];
  coreTitles: string[];
  normArtists: string[][];
  titleIndex: TGramIndexSnapshot;
  artistIndex: TGramIndexSnapshot;
};

export class Catalog {
  private readonly data: TCatalogData;
  private readonly slotById = new Map<string, number>();
  private readonly normTitles: string[];
  private readonly coreTitles: string[];
  private readonly normArtists: string[][];
  private readonly joinedArtists: string[];
  private readonly titleIndex: GramIndex;
  private readonly artistIndex: GramIndex;
  // Scratch space reused by every search (searches are synchronous, so never shared between two at once).
  private readonly scratch: Float32Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;

  /** Normalises every title and artist and builds both gram indexes (the slow part of a cold load). */
  static build(data: TCatalogData): Catalog {
    const n = data.ids.length;
    const normTitles = data.titles.map(normalizeText);
    const coreTitles = data.titles.map(coreTitle);
    const normArtists = data.artists.map((list) => list.map(normalizeText));
    const titleIndex = GramIndex.build(n, (slot) => unique(grams(normTitles[slot]!), grams(coreTitles[slot]!)));
    const artistIndex = GramIndex.build(n, (slot) => unique(...normArtists[slot]!.map(grams)));
    return new Catalog(
      { data, normTitles, coreTitles, normArtists, titleIndex: titleIndex.toSnapshot(), artistIndex: artistIndex.toSnapshot() },
      "built",
    );
  }

  static fromSnapshot(snapshot: TCatalogSnapshot): Catalog {
    return new Catalog(snapshot, "cache");
  }

  private constructor(
    private readonly snapshot: TCatalogSnapshot,
    /** "cache" when read from the derived cache file instead of parsed and indexed. */
    readonly origin: "built" | "cache",
  ) {
    const { data } = snapshot;
    const n = data.ids.length;
    // One copy of each repeated string and list (artists, albums, genres; a core title equal to its
    // normalised title): the CSV parser gives every row its own copies. The cache stores each distinct string
    // and list once, so a catalog read from it comes out shared already (and interning it would only make garbage).
    if (origin === "built") {
      const intern = createInterner();
      data.artists = data.artists.map(intern.list);
      data.albums = data.albums.map(intern.one);
      data.genres = data.genres.map(intern.list);
      snapshot.normArtists = snapshot.normArtists.map(intern.list);
      snapshot.coreTitles = snapshot.coreTitles.map((core, slot) =>
        core === snapshot.normTitles[slot] ? snapshot.normTitles[slot]! : core,
      );
    }
    this.data = data;
    data.ids.forEach((id, slot) => this.slotById.set(id, slot));
    this.normTitles = snapshot.normTitles;
    this.coreTitles = snapshot.coreTitles;
    this.normArtists = snapshot.normArtists;
    this.joinedArtists = this.normArtists.map((list) => (list.length === 1 ? list[0]! : list.join(" ")));
    this.titleIndex = GramIndex.fromSnapshot(snapshot.titleIndex);
    this.artistIndex = GramIndex.fromSnapshot(snapshot.artistIndex);
    this.scratch = new Float32Array(n);
    this.seen = new Uint8Array(n);
    this.touched = new Int32Array(n);
  }

  toSnapshot(): TCatalogSnapshot {
    return this.snapshot;
  }

  /** Distinct tracks. */
  get size(): number {
    return this.data.ids.length;
  }

  get stats(): { rows: number; tracks: number; rejected: number; postings: number } {
    return {
      rows: this.data.rowCount,
      tracks: this.size,
      rejected: this.data.rejected.length,
      postings: this.titleIndex.postingCount + this.artistIndex.postingCount,
    };
  }

  getById(id: string): TCatalogEntry | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.entry(slot);
  }

  /** Ranked matches: exact title (+ artist) first, then match quality, then popularity. */
  search(query: TTextQuery, options: TCatalogSearchOptions = {}): TCatalogMatch[] {
    const title = normalizeText(query.title ?? "");
    const artist = normalizeText(query.artist ?? "");
    if (!title && !artist) throw new InvalidQueryError("Give a title, an artist, or both.");
    // Scoring is quadratic in words; no real title or artist name comes near this.
    if (title.length > MAX_QUERY_LENGTH || artist.length > MAX_QUERY_LENGTH)
      throw new InvalidQueryError(`A title or artist longer than ${MAX_QUERY_LENGTH} characters is not a song.`);
    const limit = options.limit ?? 10;

    const titleQuery = title ? prepare(title) : undefined;
    const artistQuery = artist ? prepare(artist) : undefined;
    const matches = this.candidates(title, artist).map((slot) => this.score(slot, title, artist, titleQuery, artistQuery));
    if (!matches.some((m) => m.confident) && isShortWord(title)) {
      // A swapped pair in a short word ("glsas") breaks most of its trigrams, so the gram index may not even
      // propose the original ("glass"): retry candidates with each adjacent pair swapped back.
      const seen = new Set(matches.map((m) => m.slot));
      for (let i = 0; i + 1 < title.length; i++) {
        if (title[i] === title[i + 1]) continue;
        const swapped = title.slice(0, i) + title[i + 1] + title[i] + title.slice(i + 2);
        for (const slot of this.candidates(swapped, artist)) {
          if (!seen.has(slot)) {
            seen.add(slot);
            matches.push(this.score(slot, title, artist, titleQuery, artistQuery));
          }
        }
      }
    }
    matches.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        Math.floor(b.score / SCORE_BUCKET) - Math.floor(a.score / SCORE_BUCKET) ||
        this.data.popularity[b.slot]! - this.data.popularity[a.slot]! ||
        b.score - a.score,
    );
    return matches.slice(0, limit).map(({ slot, ...rest }) => ({ ...this.entry(slot), ...rest }));
  }

  /** Up to CANDIDATES slots with the most weighted gram overlap with the query (ties: more popular first). */
  private candidates(title: string, artist: string): number[] {
    const scores = this.scratch;
    const seen = this.seen;
    const touched = this.touched;
    let count = 0;
    const accumulate = (index: GramIndex, queryGrams: string[], share: number) => {
      const weight = share / Math.min(queryGrams.length, MAX_QUERY_GRAMS);
      // A long title's rarest grams find it as well as all of them do, at a fraction of the postings.
      const lists = index
        .postingLists(queryGrams)
        .sort((a, b) => a.length - b.length)
        .slice(0, MAX_QUERY_GRAMS);
      for (const postings of lists) {
        for (let p = 0; p < postings.length; p++) {
          const slot = postings[p]!;
          if (seen[slot] === 0) {
            seen[slot] = 1;
            scores[slot] = weight;
            touched[count++] = slot;
          } else scores[slot]! += weight;
        }
      }
    };
    if (title) accumulate(this.titleIndex, grams(title), artist ? TITLE_WEIGHT : 1);
    if (artist) accumulate(this.artistIndex, grams(artist), title ? ARTIST_WEIGHT : 1);

    // Keep the best buckets of a 100-bucket histogram (no sort of every touched slot), then sort only those.
    const buckets = new Int32Array(101);
    for (let i = 0; i < count; i++) buckets[Math.min(100, Math.floor(scores[touched[i]!]! * 100))]!++;
    let threshold = 100;
    for (let kept = buckets[100]!; threshold > 0 && kept < CANDIDATES;) kept += buckets[--threshold]!;
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const slot = touched[i]!;
      if (Math.floor(scores[slot]! * 100) >= threshold) out.push(slot);
      seen[slot] = 0;
    }
    const popularity = this.data.popularity;
    out.sort((a, b) => scores[b]! - scores[a]! || popularity[b]! - popularity[a]!);
    if (out.length > CANDIDATES) out.length = CANDIDATES;
    return out;
  }

  private score(slot: number, title: string, artist: string, titleQuery?: TPrepared, artistQuery?: TPrepared) {
    const titleScore = titleQuery ? titleSimilarity(titleQuery, this.normTitles[slot]!, this.coreTitles[slot]!) : undefined;
    const artistScore = artistQuery ? artistSimilarity(artistQuery, this.normArtists[slot]!, this.joinedArtists[slot]!) : undefined;
    const exact =
      (!title || title === this.normTitles[slot] || title === this.coreTitles[slot]) &&
      (!artist || this.normArtists[slot]!.includes(artist) || artist === this.joinedArtists[slot]);
    const score = exact
      ? 1
      : titleScore !== undefined && artistScore !== undefined
        ? TITLE_WEIGHT * titleScore + ARTIST_WEIGHT * artistScore
        : (titleScore ?? artistScore ?? 0);
    const confident = exact || ((titleScore ?? 1) >= CONFIDENT_TITLE && (artistScore ?? 1) >= CONFIDENT_ARTIST);
    return { slot, score, titleScore, artistScore, exact, confident };
  }

  private entry(slot: number): TCatalogEntry {
    const d = this.data;
    const features = {} as TAudioFeatures;
    for (let f = 0; f < FEATURE_COUNT; f++) features[FEATURE_NAMES[f]!] = d.features[slot * FEATURE_COUNT + f]!;
    const track: TTrack = {
      id: d.ids[slot]!,
      title: d.titles[slot]!,
      artists: [...d.artists[slot]!],
      spotifyUrl: spotifyTrackUrl(d.ids[slot]!),
      popularity: d.popularity[slot]!,
      genres: [...d.genres[slot]!],
    };
    if (d.albums[slot]) track.album = d.albums[slot];
    return { track, features };
  }
}

/** Shares equal strings and equal string lists (lists are never mutated: entry() copies them out). */
function createInterner() {
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const one = (value: string): string => {
    const held = strings.get(value);
    if (held !== undefined) return held;
    strings.set(value, value);
    return value;
  };
  const list = (values: string[]): string[] => {
    const key = values.join("\u0000");
    let held = lists.get(key);
    if (!held) {
      held = values.map(one);
      lists.set(key, held);
    }
    return held;
  };
  return { one, list };
}

function isShortWord(text: string): boolean {
  return text.length >= 4 && text.length <= 8 && !text.includes(" ");
}

function unique(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
