// Validates every row of a song table. Row numbers are spreadsheet rows: the header is row 1, so the
// first data row is row 2. Bad rows and repeated track ids are collected, not thrown, so the caller can
// report them all and decide against its bad-row limit.
import { MissingColumnsError } from "../errors";
import type { TCsvTable } from "./parse-csv";
import { parseSongRow, REQUIRED_SONG_FIELDS, type TCleanSong, type TColumnMap } from "./song-row";

export type TBadRow = { row: number; id?: string; reason: string };
export type TDuplicateRow = { row: number; id: string; firstRow: number };
export type TValidatedSongs = {
  songs: TCleanSong[];
  /** spreadsheet row of each kept song, same order as songs */
  rowNumbers: number[];
  badRows: TBadRow[];
  duplicateRows: TDuplicateRow[];
  totalRows: number;
};

export function validateSongTable(
  table: TCsvTable,
  options: {
    file: string;
    columns: TColumnMap;
    source: string;
    listSeparator?: string;
    filter?: (record: Record<string, string>) => boolean;
  },
): TValidatedSongs {
  const missing = REQUIRED_SONG_FIELDS.map((field) => options.columns[field] ?? field).filter((column) => !table.header.includes(column));
  if (missing.length > 0) throw new MissingColumnsError(options.file, missing);

  const result: TValidatedSongs = { songs: [], rowNumbers: [], badRows: [], duplicateRows: [], totalRows: 0 };
  const firstRowOf = new Map<string, number>();
  table.records.forEach((record, index) => {
    if (options.filter && !options.filter(record)) return;
    const row = index + 2;
    result.totalRows++;
    const parsed = parseSongRow(record, options.columns, { source: options.source, listSeparator: options.listSeparator });
    if (!parsed.ok) {
      const id = options.columns.id ? record[options.columns.id]?.trim() : undefined;
      result.badRows.push({ row, ...(id ? { id } : {}), reason: parsed.reason });
      return;
    }
    const first = firstRowOf.get(parsed.song.id);
    if (first !== undefined) {
      result.duplicateRows.push({ row, id: parsed.song.id, firstRow: first });
      return;
    }
    firstRowOf.set(parsed.song.id, row);
    result.songs.push(parsed.song);
    result.rowNumbers.push(row);
  });
  return result;
}
