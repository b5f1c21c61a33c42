// clean: read the raw store, rename/select columns by config, validate every row, drop duplicate ids,
// enrich seed songs with the catalog's artists/album/popularity/genres, and (dataset "anime-catalog")
// merge the catalog's anime rows, de-duplicated against the seed by id and by identical features.
import fs from "node:fs";
import path from "node:path";
import { createRawStore, readCsvBytes, validateSongTable, type TCleanSong, type TCsvTable } from "@anisong/ingest";
import { logRead, logWrote, type TStepContext } from "../context";
import { artifactPaths } from "../io/artifact-paths";
import { contentHash, writeJson } from "../io/artifacts";
import type { TCleanSongs } from "../io/schemas";
import { enrichFromCatalog, readCatalogIndex, readCatalogTable, type TCatalogInfo } from "./clean-catalog-index";
import { mergeGenreRows, type TDroppedCounts } from "./clean-dataset-merge";
import { buildCleanReport, reportBadRows, type TCleanInput } from "./clean-report";

export async function clean(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const store = createRawStore(config.paths.rawStore);
  const sep = config.columns.listSeparator;

  const seedBytes = await store.get(paths.seedKey);
  const seedTable = readCsvBytes(seedBytes, paths.seedKey);
  logRead(ctx, path.join(store.location, paths.seedKey), `${seedTable.records.length} rows`);
  const seed = validateSongTable(seedTable, { file: paths.seedKey, columns: config.columns.seed, source: "seed", listSeparator: sep });

  // The catalog: a raw input for "anime-catalog", otherwise only the offline reference used to add artists.
  let catalogTable: TCsvTable | null = null;
  let catalogIndex = new Map<string, TCatalogInfo>();
  if (config.dataset === "anime-catalog") {
    const bytes = await store.get(paths.catalogKey);
    catalogTable = readCatalogTable(bytes, paths.catalogKey);
    catalogIndex = await readCatalogIndex(bytes, paths.catalogKey);
    logRead(ctx, path.join(store.location, paths.catalogKey), `${catalogTable.records.length} rows`);
  } else if (fs.existsSync(config.paths.catalog)) {
    catalogIndex = await readCatalogIndex(fs.readFileSync(config.paths.catalog), paths.catalogKey);
    logRead(ctx, config.paths.catalog, `${catalogIndex.size} tracks, for artists and albums`);
  } else {
    ctx.log.warn(`catalog ${config.paths.catalog} not found: seed songs keep their title and no artists`);
  }

  const songs: TCleanSong[] = seed.songs.map((song) => enrichFromCatalog(song, catalogIndex.get(song.id)));
  const enriched = seed.songs.filter((song) => catalogIndex.has(song.id)).length;

  const files: TCleanInput[] = [{ file: paths.seedKey, validated: seed }];
  let dropped: TDroppedCounts = { sameIdAsSeed: 0, sameFeaturesAsSeed: 0, sameFeaturesInCatalog: 0 };
  if (config.dataset === "anime-catalog" && catalogTable) {
    const genreColumn = config.columns.catalog.genres;
    const genreRows = validateSongTable(catalogTable, {
      file: paths.catalogKey,
      columns: config.columns.catalog,
      source: `catalog:${config.catalogGenre}`,
      listSeparator: sep,
      filter: (record) => (genreColumn ? record[genreColumn]?.trim() === config.catalogGenre : true),
    });
    files.push({ file: paths.catalogKey, validated: genreRows });
    dropped = mergeGenreRows({ songs, genreRows: genreRows.songs, catalogIndex, genre: config.catalogGenre });
  }

  const report = buildCleanReport(ctx, { files, songs: songs.length, enriched, dropped });
  writeJson(paths.cleanReport, report);
  logWrote(ctx, paths.cleanReport, `${report.badRows.length} bad row(s), ${report.duplicateRows.length} duplicate id(s)`);
  reportBadRows(ctx, report, paths.cleanReport);

  const out: TCleanSongs = { dataset: config.dataset, datasetHash: contentHash(songs), songs };
  writeJson(paths.cleanSongs, out);
  const extra = config.dataset === "anime-catalog" ? `, ${songs.length - seed.songs.length} from the catalog` : "";
  logWrote(ctx, paths.cleanSongs, `${songs.length} songs${extra}, ${enriched} seed songs enriched with artists`);
  return {
    songs: songs.length,
    badRows: report.badRows.length,
    duplicateRows: report.duplicateRows.length,
    dropped,
    enriched,
    datasetHash: out.datasetHash,
  };
}
