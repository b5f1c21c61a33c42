export {
  foldTitle,
  normalizedTitle,
  leadArtist,
  songKeyOf,
  featuresKey,
  recordingKey,
  sameRecording,
  RECORDING_DURATION_TOLERANCE_MS,
  VERSION_CUT_PATTERNS,
  type TFoldedTitle,
  type TVersionCut,
} from "./song-identity";
export {
  classifyKind,
  KIND_RULES,
  COVER_ARTISTS,
  SCORE_COMPOSERS,
  SONG_KINDS,
  DEFAULT_KINDS,
  INSTRUMENTAL_CUE_THRESHOLD,
  type TSongKind,
  type TKindInput,
  type TKindResult,
} from "./song-kind";
export { parseKinds, selectKinds, InvalidKindError } from "./kind-selection";
export { extractAnimeTitle, matchAnimeTitle, ANIME_TITLE_RULES, type TAnimeTitleInput, type TAnimeTitleMatch } from "./anime-title";
export { buildLibrary, type TBuildLibraryInput } from "./build-library";
export type { TLibraryInputSong, TLibrarySong, TTrackRow, TProvenance, TAnimeEvidence, TTrackEnrichment } from "./library-song";
export type { TLibraryStats } from "./library-stats";
export { scoreHandChecked, sameAnimeTitle, type THandCheckedRow, type THandCheckScore, type TPrecision } from "./hand-check";
export { rankingKeysOf, type TKeyedInput, type TRankingKeys } from "./ranking-keys";
