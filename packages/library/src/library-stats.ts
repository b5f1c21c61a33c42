// The library's figures for the report: size, merges, artist and anime-title coverage, kinds, tie-in evidence.
import type { TAnimeEvidence, TLibrarySong } from "./library-song";
import type { TSongKind } from "./song-kind";

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
  artistCoverage: {
    withArtists: number;
    share: number;
    fromEntry: number;
    filledById: number;
    filledBySpotify: number;
    filledByRecording: number;
  };
  /** what Spotify enrichment filled (0 everywhere without an enrichment file) */
  spotifyEnrichment: { artists: number; albums: number; releaseDates: number; covers: number };
  kinds: Record<TSongKind, number>;
  kindRules: Record<string, number>;
  animeTitles: { withTitle: number; share: number };
  animeTieIn: { true: number; false: number; byEvidence: Record<TAnimeEvidence, number> };
};

export function computeStats(a: {
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
      filledBySpotify: count((s) => s.artistsFrom === "spotify"),
      filledByRecording: count((s) => s.artistsFrom === "tracks-dataset-recording"),
    },
    spotifyEnrichment: {
      artists: count((s) => s.artistsFrom === "spotify"),
      albums: count((s) => s.albumFrom === "spotify"),
      releaseDates: count((s) => s.releaseDate !== null),
      covers: count((s) => s.coverUrl !== null),
    },
    kinds: {
      original: count((s) => s.kind === "original"),
      soundtrack: count((s) => s.kind === "soundtrack"),
      cover: count((s) => s.kind === "cover"),
    },
    kindRules,
    animeTitles: { withTitle, share: share(withTitle) },
    animeTieIn: {
      true: count((s) => s.animeTieIn),
      false: count((s) => !s.animeTieIn),
      byEvidence: {
        seed: evidence("seed"),
        "anime-title": evidence("anime-title"),
        "version-of-seed-song": evidence("version-of-seed-song"),
        "seed-artist": evidence("seed-artist"),
        "covers-anime-song": evidence("covers-anime-song"),
      },
    },
  };
}
