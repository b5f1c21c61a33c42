// The shape of one library entry: what the pipeline writes and the product ingests.
import type { TAudioFeatures } from "@anisong/core-ml";
import type { TVersionCut } from "./song-identity";
import type { TSongKind } from "./song-kind";

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

/** What an enrichment source (Spotify's several-tracks endpoint) knows about one track id. */
export type TTrackEnrichment = {
  artists: string[];
  album: string | null;
  /** "2019", "2019-07" or "2019-07-03" */
  releaseDate: string | null;
  coverUrl: string | null;
};

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
  artistsFrom: "entry" | "tracks-dataset-id" | "spotify" | "tracks-dataset-recording" | null;
  albumFrom: "entry" | "tracks-dataset-id" | "spotify" | null;
  /** only from Spotify enrichment (the datasets have none); "2019", "2019-07" or "2019-07-03" */
  releaseDate: string | null;
  /** the album cover's URL on i.scdn.co, only from Spotify enrichment */
  coverUrl: string | null;
};
