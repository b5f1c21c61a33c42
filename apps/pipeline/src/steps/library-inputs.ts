// What the library is built from: the seed's songs and every row of the tracks dataset, validated. Shared by the
// library step and the enrich step (which needs the library's entries before the library step runs).
import fs from "node:fs";
import { parseSongRow, readCsvBytes, validateSongTable } from "@anisong/ingest";
import { buildLibrary, type TLibraryInputSong, type TTrackEnrichment, type TTrackRow } from "@anisong/library";
import { logRead, type TStepContext } from "../context";
import { PipelineError } from "../errors";

export type TLibraryInputs = { seed: TLibraryInputSong[]; tracks: TTrackRow[]; badRows: number };

function readSeed(ctx: TStepContext): TLibraryInputSong[] {
  const { config } = ctx;
  const seedTable = readCsvBytes(fs.readFileSync(config.paths.seed), config.paths.seed);
  const seed = validateSongTable(seedTable, {
    file: config.paths.seed,
    columns: config.columns.seed,
    source: "seed",
    listSeparator: config.columns.listSeparator,
  });
  logRead(ctx, config.paths.seed, `${seed.songs.length} seed songs`);
  return seed.songs.map(({ id, title, artists, album, features, durationMs }) => ({ id, title, artists, album, features, durationMs }));
}

/** Every row of the tracks dataset (one per genre listing), validated; bad rows are counted and skipped. */
function readTracks(ctx: TStepContext): { tracks: TTrackRow[]; badRows: number } {
  const { config } = ctx;
  if (!fs.existsSync(config.paths.catalog)) throw new PipelineError(`tracks dataset not found: ${config.paths.catalog}`);
  const table = readCsvBytes(fs.readFileSync(config.paths.catalog), config.paths.catalog);
  const genreColumn = config.columns.catalog.genres;
  const tracks: TTrackRow[] = [];
  let badRows = 0;
  for (const record of table.records) {
    const parsed = parseSongRow(record, config.columns.catalog, { source: "tracks-dataset", listSeparator: config.columns.listSeparator });
    if (!parsed.ok) {
      badRows++;
      continue;
    }
    const { id, title, artists, album, features, durationMs } = parsed.song;
    tracks.push({ id, title, artists, album, features, durationMs, genre: (genreColumn ? record[genreColumn]?.trim() : "") ?? "" });
  }
  logRead(ctx, config.paths.catalog, `${table.records.length} rows, ${badRows} invalid`);
  return { tracks, badRows };
}

export function readLibraryInputs(ctx: TStepContext): TLibraryInputs {
  return { seed: readSeed(ctx), ...readTracks(ctx) };
}

export function buildLibraryFrom(ctx: TStepContext, inputs: TLibraryInputs, enrichment?: ReadonlyMap<string, TTrackEnrichment>) {
  return buildLibrary({ seed: inputs.seed, tracks: inputs.tracks, animeGenre: ctx.config.catalogGenre, enrichment });
}
