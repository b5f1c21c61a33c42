export * from "./errors";
export { resolveS3Settings, type TS3Settings } from "./env";
export { parseCsv, decodeCsvBytes, readCsvBytes, type TCsvTable } from "./csv/parse-csv";
export {
  SONG_FIELDS,
  REQUIRED_SONG_FIELDS,
  SPOTIFY_ID,
  ZColumnMap,
  ZCleanSong,
  parseSongRow,
  type TColumnMap,
  type TCleanSong,
  type TSongField,
} from "./csv/song-row";
export { validateSongTable, type TBadRow, type TDuplicateRow, type TValidatedSongs } from "./csv/validate-songs";
export { createRawStore, parseS3Location, type TRawStore } from "./storage/raw-store";
export { writeFileAtomic } from "./storage/write-file-atomic";
export {
  ingestModel,
  type TIngestCluster,
  type TIngestInput,
  type TIngestOptions,
  type TIngestResult,
  type TIngestSong,
} from "./db/ingest-model";
