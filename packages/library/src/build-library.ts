// The wider library: the seed's songs plus the tracks dataset's anime-genre rows, merged to one entry per
// recording, each with provenance, kind, anime title and a song key that groups versions of one song.
// Pure: the caller reads the files and passes validated rows.
import type { TAudioFeatures } from "@anisong/core-ml";
import { extractAnimeTitle } from "./anime-title";
import { classifyKind, type TSongKind } from "./song-kind";
import { normalizeText } from "@anisong/spotify";
import { featuresKey, leadArtist, sameRecording, songKeyOf, type TVersionCut } from "./song-identity";

// What a cover calls the song it covers: "Gurenge but is it okay if it's lofi?", "Unravel Lofi (Tokyo Ghoul)",
// "Kaikai Kitan - Piano Version" → the bare title, to compare with the library's anime songs.
const COVER_DECORATION = /\s*[([（【][^)\]）】]*[)\]）】]|\s+but\s+(is\s+it\s+okay\s+if\s+)?it'?s\s+lo-?fi.*$|\s+[-–]\s+.*$|\b(lo-?fi|hip\s*hop|remix|piano|epic|orchestral|version|ver\.?|cover)\b/gi;
function coveredTitle(title: string): string {
  return normalizeText(title.normalize("NFKC").replace(COVER_DECORATION, " "));
}

export type TProvenance = "seed" | "tracks-dataset";

export type TLibraryInputSong = {
  id: string;
  title: string;
  artists: string[];
  album: string | null;
  features: TAudioFeatures;
  durationMs: number | null;
};
/** One row of the tracks dataset (a track listed under several genres appears once per genre). */
export type TTrackRow = TLibraryInputSong & { genre: string };

export type TAnimeEvidence = "seed" | "anime-title" | "version-of-seed-song" | "seed-artist" | "covers-anime-song";

export type TLibrarySong = {
  id: string;
  /** every other track id of this recording, so a lookup by any of them resolves */
  alternateIds: string[];
  title: string;
  artists: string[];
  album: string | null;
  features: TAudioFeatures;
  durationMs: number | null;
  provenance: TProvenance[];
  kind: TSongKind;
  kindRule: string;
  /** true when another entry of the same song key is the canonical one (this is a TV-size/short/remaster cut or a re-release) */
  isVersion: boolean;
  versionOf: string | null;
  versionCut: TVersionCut | null;
  songKey: string;
  animeTitle: string | null;
  /** false: no evidence that this anime-genre row belongs to an anime (the dataset's genre also holds J-pop/K-pop) */
  animeTieIn: boolean;
  animeEvidence: TAnimeEvidence[];
  artistsFrom: "entry" | "tracks-dataset-id" | "tracks-dataset-recording" | null;
};

export type TBuildLibraryInput = { seed: TLibraryInputSong[]; tracks: TTrackRow[]; animeGenre?: string };

export type TLibraryStats = {
  seedSongs: number;
  datasetAnimeRows: number;
  datasetAnimeIds: number;
  datasetIdsNotInSeed: number;
  entriesBeforeMerge: number;
  merged: { sameId: number; sameRecording: number };
  size: number;
  versions: number;
  songs: number;
  artistCoverage: { withArtists: number; share: number; fromEntry: number; filledById: number; filledByRecording: number };
  kinds: Record<TSongKind, number>;
  kindRules: Record<string, number>;
  animeTitles: { withTitle: number; share: number };
  animeTieIn: { true: number; false: number; byEvidence: Record<TAnimeEvidence, number> };
};

type TMember = TLibraryInputSong & { provenance: TProvenance };

/** Union–find over member indexes. */
function createUnion(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/** Same-features buckets: a recording is then found by comparing durations within one bucket. */
class RecordingIndex<T extends { features: TAudioFeatures; durationMs: number | null }> {
  private readonly buckets = new Map<string, T[]>();
  add(item: T): void {
    const key = featuresKey(item.features);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(item);
    else this.buckets.set(key, [item]);
  }
  find(probe: { features: TAudioFeatures; durationMs: number | null }): T | undefined {
    return this.buckets.get(featuresKey(probe.features))?.find((item) => sameRecording(item, probe));
  }
}

function indexTracks(tracks: TTrackRow[]) {
  const byId = new Map<string, TTrackRow>();
  const byRecording = new RecordingIndex<TTrackRow>();
  for (const t of tracks) {
    if (t.artists.length === 0) continue;
    if (!byId.has(t.id)) byId.set(t.id, t);
    byRecording.add(t);
  }
  return { byId, byRecording };
}

/** Canonical entry of a song key: a full cut over a TV-size/short/remaster one, then the seed's, then an original. */
function canonicalRank(s: TLibrarySong): number[] {
  return [s.versionCut === null ? 0 : 1, s.provenance.includes("seed") ? 0 : 1, s.kind === "original" ? 0 : 1, -(s.durationMs ?? 0)];
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export function buildLibrary(input: TBuildLibraryInput): { songs: TLibrarySong[]; stats: TLibraryStats } {
  const genre = input.animeGenre ?? "anime";
  const animeRows = input.tracks.filter((t) => t.genre === genre);
  const members: TMember[] = [
    ...input.seed.map((s) => ({ ...s, provenance: "seed" as const })),
    ...animeRows.map(({ genre: _genre, ...t }) => ({ ...t, provenance: "tracks-dataset" as const })),
  ];
  const seedIds = new Set(input.seed.map((s) => s.id));
  const datasetIds = new Set(animeRows.map((t) => t.id));

  // Same id, or identical nine features and duration: one recording.
  const union = createUnion(members.length);
  const firstById = new Map<string, number>();
  const recordings = new RecordingIndex<{ features: TAudioFeatures; durationMs: number | null; index: number }>();
  const merged = { sameId: 0, sameRecording: 0 };
  members.forEach((m, i) => {
    const byId = firstById.get(m.id);
    const byRec = recordings.find(m)?.index;
    if (byId !== undefined) {
      if (union.find(byId) !== union.find(i)) merged.sameId++;
      union.union(i, byId);
    } else firstById.set(m.id, i);
    if (byRec !== undefined) {
      if (union.find(byRec) !== union.find(i)) merged.sameRecording++;
      union.union(i, byRec);
    } else recordings.add({ features: m.features, durationMs: m.durationMs, index: i });
  });
  const groups = new Map<number, TMember[]>();
  members.forEach((m, i) => {
    const root = union.find(i);
    const list = groups.get(root) ?? [];
    list.push(m);
    groups.set(root, list);
  });

  const tracks = indexTracks(input.tracks);
  const seedArtists = new Set<string>();
  const songs: TLibrarySong[] = [];
  const titleKeys: Set<string>[] = [];
  const memberTitles: string[][] = [];
  for (const group of groups.values()) {
    const primary = group.find((m) => m.provenance === "seed") ?? group[0]!;
    const ids = [...new Set(group.map((m) => m.id))];
    const withArtists = group.find((m) => m.artists.length > 0);
    let artists = withArtists?.artists ?? [];
    let artistsFrom: TLibrarySong["artistsFrom"] = withArtists ? "entry" : null;
    if (artists.length === 0) {
      const byId = ids.map((id) => tracks.byId.get(id)).find((t) => t !== undefined);
      const byRec = byId ? undefined : tracks.byRecording.find(primary);
      const found = byId ?? byRec;
      if (found) {
        artists = found.artists;
        artistsFrom = byId ? "tracks-dataset-id" : "tracks-dataset-recording";
      }
    }
    let album = group.find((m) => m.album !== null)?.album ?? null;
    if (album === null) album = ids.map((id) => tracks.byId.get(id)?.album ?? null).find((a) => a !== null) ?? null;
    const title = primary.title;
    const kind = classifyKind({ title, album, artists, instrumentalness: primary.features.instrumentalness });
    const provenance = [...new Set(group.map((m) => m.provenance))].sort() as TProvenance[];
    if (provenance.includes("seed")) {
      const lead = leadArtist(artists);
      if (lead) seedArtists.add(lead);
    }
    titleKeys.push(new Set(group.map((m) => songKeyOf({ id: primary.id, title: m.title, artists }))));
    memberTitles.push([...new Set(group.map((m) => m.title))]);
    songs.push({
      id: primary.id,
      alternateIds: ids.filter((id) => id !== primary.id).sort(),
      title,
      artists,
      album,
      features: primary.features,
      durationMs: primary.durationMs,
      provenance,
      kind: kind.kind,
      kindRule: kind.rule,
      isVersion: false,
      versionOf: null,
      versionCut: kind.versionCut ?? null,
      songKey: songKeyOf({ id: primary.id, title, artists }),
      animeTitle: extractAnimeTitle({ title, album }),
      animeTieIn: false,
      animeEvidence: [],
      artistsFrom,
    });
  }

  // Versions of one song share a key; one canonical entry per key, the rest point at it. A merged entry
  // answers to the key of each of its titles (the seed's 紅蓮の弓矢 and the dataset's "Guren no Yumiya").
  const keyUnion = createUnion(songs.length);
  const firstByKey = new Map<string, number>();
  songs.forEach((s, i) => {
    for (const key of titleKeys[i]!) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else keyUnion.union(i, first);
    }
  });
  const byKey = new Map<number, TLibrarySong[]>();
  songs.forEach((s, i) => {
    const root = keyUnion.find(i);
    byKey.set(root, [...(byKey.get(root) ?? []), s]);
  });
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const canonical = [...list].sort((a, b) => compareRank(canonicalRank(a), canonicalRank(b)) || a.id.localeCompare(b.id))[0]!;
    for (const s of list) {
      s.songKey = canonical.songKey;
      if (s === canonical) continue;
      s.isVersion = true;
      s.versionOf = canonical.id;
    }
  }

  // Anime evidence: the genre label alone is not enough (it also holds J-pop/K-pop singles).
  const seedKeys = new Set(songs.filter((s) => s.provenance.includes("seed")).map((s) => s.songKey));
  const animeSongTitles = new Set<string>();
  songs.forEach((s, i) => {
    if (s.kind === "cover" || !(s.provenance.includes("seed") || s.animeTitle !== null)) return;
    for (const t of memberTitles[i]!) if (coveredTitle(t).length >= 3) animeSongTitles.add(coveredTitle(t));
  });
  for (const s of songs) {
    const evidence: TAnimeEvidence[] = [];
    if (s.provenance.includes("seed")) evidence.push("seed");
    if (s.animeTitle !== null) evidence.push("anime-title");
    if (!s.provenance.includes("seed") && seedKeys.has(s.songKey)) evidence.push("version-of-seed-song");
    const lead = leadArtist(s.artists);
    if (!s.provenance.includes("seed") && lead !== null && seedArtists.has(lead)) evidence.push("seed-artist");
    if (s.kind === "cover" && animeSongTitles.has(coveredTitle(s.title))) evidence.push("covers-anime-song");
    s.animeEvidence = evidence;
    s.animeTieIn = evidence.length > 0;
  }

  songs.sort((a, b) => (a.provenance.includes("seed") === b.provenance.includes("seed") ? a.id.localeCompare(b.id) : a.provenance.includes("seed") ? -1 : 1));
  return { songs, stats: computeStats({ songs, seedCount: input.seed.length, animeRows: animeRows.length, datasetIds, seedIds, entries: members.length, merged }) };
}

function computeStats(a: {
  songs: TLibrarySong[];
  seedCount: number;
  animeRows: number;
  datasetIds: Set<string>;
  seedIds: Set<string>;
  entries: number;
  merged: { sameId: number; sameRecording: number };
}): TLibraryStats {
  const { songs } = a;
  const count = (p: (s: TLibrarySong) => boolean) => songs.filter(p).length;
  const share = (n: number) => (songs.length === 0 ? 0 : n / songs.length);
  const withArtists = count((s) => s.artists.length > 0);
  const withTitle = count((s) => s.animeTitle !== null);
  const kindRules: Record<string, number> = {};
  for (const s of songs) kindRules[s.kindRule] = (kindRules[s.kindRule] ?? 0) + 1;
  const evidence = (e: TAnimeEvidence) => count((s) => s.animeEvidence.includes(e));
  return {
    seedSongs: a.seedCount,
    datasetAnimeRows: a.animeRows,
    datasetAnimeIds: a.datasetIds.size,
    datasetIdsNotInSeed: [...a.datasetIds].filter((id) => !a.seedIds.has(id)).length,
    entriesBeforeMerge: a.entries,
    merged: a.merged,
    size: songs.length,
    versions: count((s) => s.isVersion),
    songs: count((s) => !s.isVersion),
    artistCoverage: {
      withArtists,
      share: share(withArtists),
      fromEntry: count((s) => s.artistsFrom === "entry"),
      filledById: count((s) => s.artistsFrom === "tracks-dataset-id"),
      filledByRecording: count((s) => s.artistsFrom === "tracks-dataset-recording"),
    },
    kinds: { original: count((s) => s.kind === "original"), soundtrack: count((s) => s.kind === "soundtrack"), cover: count((s) => s.kind === "cover") },
    kindRules,
    animeTitles: { withTitle, share: share(withTitle) },
    animeTieIn: {
      true: count((s) => s.animeTieIn),
      false: count((s) => !s.animeTieIn),
      byEvidence: { seed: evidence("seed"), "anime-title": evidence("anime-title"), "version-of-seed-song": evidence("version-of-seed-song"), "seed-artist": evidence("seed-artist"), "covers-anime-song": evidence("covers-anime-song") },
    },
  };
}
