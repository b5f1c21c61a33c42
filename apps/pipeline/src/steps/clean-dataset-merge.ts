// The "anime-catalog" dataset: the seed plus the catalog's rows of one genre, without songs the seed already has
// (same id, or identical features: the same recording under another id) and without repeats among those rows.
import { FEATURE_NAMES } from "@anisong/core-ml";
import type { TCleanSong } from "@anisong/ingest";
import type { TCatalogInfo } from "./clean-catalog-index";

export type TDroppedCounts = { sameIdAsSeed: number; sameFeaturesAsSeed: number; sameFeaturesInCatalog: number };

function featureKey(song: TCleanSong): string {
  return FEATURE_NAMES.map((f) => song.features[f]).join("|");
}

/** Appends the genre's rows to `songs` (in place) and counts what it dropped. */
export function mergeGenreRows(options: {
  songs: TCleanSong[];
  genreRows: readonly TCleanSong[];
  catalogIndex: ReadonlyMap<string, TCatalogInfo>;
  genre: string;
}): TDroppedCounts {
  const { songs, genreRows, catalogIndex, genre } = options;
  const dropped: TDroppedCounts = { sameIdAsSeed: 0, sameFeaturesAsSeed: 0, sameFeaturesInCatalog: 0 };
  const seedIds = new Set(songs.map((s) => s.id));
  const seedFeatures = new Set(songs.map(featureKey));
  const catalogFeatures = new Set<string>();
  for (const song of genreRows) {
    const key = featureKey(song);
    if (seedIds.has(song.id)) dropped.sameIdAsSeed++;
    else if (seedFeatures.has(key)) dropped.sameFeaturesAsSeed++;
    else if (catalogFeatures.has(key)) dropped.sameFeaturesInCatalog++;
    else {
      catalogFeatures.add(key);
      songs.push({ ...song, genres: [...(catalogIndex.get(song.id)?.genres ?? [genre])].sort() });
    }
  }
  return dropped;
}
