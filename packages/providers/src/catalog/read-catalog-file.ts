// Reads the public tracks dataset (CSV, optionally gzip) and merges its per-genre rows by track id.
import fs from "node:fs/promises";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { FEATURE_NAMES, ZAudioFeatures } from "@anisong/core-ml";
import { CatalogLoadError } from "../errors";
import { FEATURE_COUNT, type TCatalogData } from "./catalog-data";

const gunzip = promisify(zlib.gunzip);

const REQUIRED_COLUMNS = ["track_id", "artists", "album_name", "track_name", "popularity", "track_genre", ...FEATURE_NAMES] as const;

const ZHeader = z.array(z.string()).refine((cols) => REQUIRED_COLUMNS.every((c) => cols.includes(c)), {
  message: `catalog header must contain ${REQUIRED_COLUMNS.join(", ")}`,
});

const ZTrackId = z.string().regex(/^[0-9A-Za-z]{22}$/);
const ZPopularity = z.coerce.number().int().min(0).max(100);

export async function readCatalogBytes(filePath: string): Promise<Buffer> {
  try {
    return await fs.readFile(filePath);
  } catch (error) {
    throw new CatalogLoadError(`Cannot read the catalog at ${filePath}: ${(error as Error).message}`);
  }
}

/** Parses the catalog CSV (gzip or plain, told apart by the gzip magic bytes). */
export async function parseCatalogCsv(raw: Buffer, filePath: string): Promise<TCatalogData> {
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? await gunzip(raw) : raw;
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new CatalogLoadError(`The catalog at ${filePath} is not valid CSV: ${(error as Error).message}`);
  }
  const header = ZHeader.safeParse(rows[0] ?? []);
  if (!header.success)
    throw new CatalogLoadError(`The catalog at ${filePath} has an unexpected header: ${header.error.issues[0]?.message}`);
  return mergeRows(header.data, rows.slice(1));
}

export async function readCatalogFile(filePath: string): Promise<TCatalogData> {
  return parseCatalogCsv(await readCatalogBytes(filePath), filePath);
}

/** One slot per track id; later rows of the same id add their genre (and keep the highest popularity). */
export function mergeRows(header: string[], rows: string[][]): TCatalogData {
  const col = (name: string) => header.indexOf(name);
  const [cId, cArtists, cAlbum, cTitle, cPop, cGenre] = [
    "track_id",
    "artists",
    "album_name",
    "track_name",
    "popularity",
    "track_genre",
  ].map(col) as [number, number, number, number, number, number];
  const cFeatures = FEATURE_NAMES.map(col);

  const slotById = new Map<string, number>();
  const data: Omit<TCatalogData, "popularity" | "features"> & { popularity: number[]; features: number[] } = {
    ids: [],
    titles: [],
    artists: [],
    albums: [],
    popularity: [],
    features: [],
    genres: [],
    rowCount: rows.length,
    rejected: [],
  };
  const vector = new Array<number>(FEATURE_COUNT);

  rows.forEach((row, i) => {
    const rowNumber = i + 2; // 1-based, after the header
    const id = row[cId] ?? "";
    const existing = slotById.get(id);
    const genre = row[cGenre] ?? "";
    const popularity = ZPopularity.safeParse(row[cPop]);
    if (existing !== undefined) {
      const genres = data.genres[existing]!;
      if (genre && !genres.includes(genre)) genres.push(genre);
      if (popularity.success && popularity.data > data.popularity[existing]!) data.popularity[existing] = popularity.data;
      return;
    }
    if (!ZTrackId.safeParse(id).success) return void data.rejected.push({ row: rowNumber, reason: `invalid track_id "${id}"` });
    if (!popularity.success) return void data.rejected.push({ row: rowNumber, reason: "invalid popularity" });
    const record: Record<string, number> = {};
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const value = Number(row[cFeatures[f]!]);
      vector[f] = value;
      record[FEATURE_NAMES[f]!] = value;
    }
    const features = ZAudioFeatures.safeParse(record);
    if (!features.success)
      return void data.rejected.push({ row: rowNumber, reason: `invalid features: ${features.error.issues[0]?.path.join(".")}` });

    slotById.set(id, data.ids.length);
    data.ids.push(id);
    data.titles.push(row[cTitle] ?? "");
    data.artists.push(
      (row[cArtists] ?? "")
        .split(";")
        .map((a) => a.trim())
        .filter(Boolean),
    );
    data.albums.push(row[cAlbum] ?? "");
    data.popularity.push(popularity.data);
    data.genres.push(genre ? [genre] : []);
    for (const v of vector) data.features.push(v);
  });

  return { ...data, popularity: Uint8Array.from(data.popularity), features: Float64Array.from(data.features) };
}
