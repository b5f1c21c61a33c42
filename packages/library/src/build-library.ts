// The wider library: the seed's songs plus the tracks dataset's anime-genre rows, merged to one entry per
// recording, each with provenance, kind, anime title and a song key that groups versions of one song.
// Pure: the caller reads the files and passes validated rows.
import type { TAudioFeatures } from "@anisong/core-ml";
import { markAnimeEvidence } from "./anime-evidence";
import { extractAnimeTitle } from "./anime-title";
import type { TLibraryInputSong, TLibrarySong, TProvenance, TTrackEnrichment, TTrackRow } from "./library-song";
import { computeStats, type TLibraryStats } from "./library-stats";
import { RecordingIndex } from "./recording-index";
import { songKeyOf } from "./song-identity";
import { classifyKind } from "./song-kind";
import { createUnionFind, groupsOf } from "./union-find";
import { markVersions } from "./version-groups";

export type TBuildLibraryInput = {
  seed: TLibraryInputSong[];
  tracks: TTrackRow[];
  animeGenre?: string;
  /** Spotify metadata by track id (the enrich step's file): fills what the datasets lack */
  enrichment?: ReadonlyMap<string, TTrackEnrichment>;
};

type TMember = TLibraryInputSong & { provenance: TProvenance };

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
  const union = createUnionFind(members.length);
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
  const groups = groupsOf(members, union.find);

  const tracks = indexTracks(input.tracks);
  const songs: TLibrarySong[] = [];
  const titleKeys: Set<string>[] = [];
  const memberTitles: string[][] = [];
  for (const group of groups) {
    const primary = group.find((m) => m.provenance === "seed") ?? group[0]!;
    const ids = [...new Set(group.map((m) => m.id))];
    // Spotify's answer for the primary id first, then for any merged id.
    const spotify = [primary.id, ...ids].map((id) => input.enrichment?.get(id)).find((e) => e !== undefined);
    const withArtists = group.find((m) => m.artists.length > 0);
    let artists = withArtists?.artists ?? [];
    let artistsFrom: TLibrarySong["artistsFrom"] = withArtists ? "entry" : null;
    // By id (dataset, then Spotify) before the same-recording guess.
    if (artists.length === 0) {
      const byId = ids.map((id) => tracks.byId.get(id)).find((t) => t !== undefined);
      if (byId) [artists, artistsFrom] = [byId.artists, "tracks-dataset-id"];
      else if (spotify && spotify.artists.length > 0) [artists, artistsFrom] = [spotify.artists, "spotify"];
      else {
        const byRec = tracks.byRecording.find(primary);
        if (byRec) [artists, artistsFrom] = [byRec.artists, "tracks-dataset-recording"];
      }
    }
    let album = group.find((m) => m.album !== null)?.album ?? null;
    let albumFrom: TLibrarySong["albumFrom"] = album !== null ? "entry" : null;
    if (album === null) {
      album = ids.map((id) => tracks.byId.get(id)?.album ?? null).find((a) => a !== null) ?? null;
      if (album !== null) albumFrom = "tracks-dataset-id";
      else if (spotify?.album) [album, albumFrom] = [spotify.album, "spotify"];
    }
    const title = primary.title;
    const kind = classifyKind({ title, album, artists, instrumentalness: primary.features.instrumentalness });
    const provenance = [...new Set(group.map((m) => m.provenance))].sort() as TProvenance[];
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
      albumFrom,
      releaseDate: spotify?.releaseDate ?? null,
      coverUrl: spotify?.coverUrl ?? null,
    });
  }

  markVersions(songs, titleKeys);
  markAnimeEvidence(songs, memberTitles);

  songs.sort((a, b) =>
    a.provenance.includes("seed") === b.provenance.includes("seed") ? a.id.localeCompare(b.id) : a.provenance.includes("seed") ? -1 : 1,
  );
  return {
    songs,
    stats: computeStats({
      songs,
      seedCount: input.seed.length,
      animeRows: animeRows.length,
      datasetIds,
      seedIds,
      entries: members.length,
      merged,
    }),
  };
}
