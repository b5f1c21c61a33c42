// The recommend CLI's side of the `library` provider: a song by any id from the database, and the catalog's text
// search over the active model's songs (read and indexed once per process, on the first text query).
import { findActiveModelVersion, findLibrarySong, listClusterSongs, type TDb } from "@anisong/db";
import { buildLibraryIndex, toLibraryEntry, type Catalog, type TLibraryLookup } from "@anisong/providers";

export function createLibraryLookup(getDb: () => Promise<TDb>): TLibraryLookup {
  let index: Promise<Catalog | null> | undefined;
  const buildIndex = async (): Promise<Catalog | null> => {
    const db = await getDb();
    const modelId = await findActiveModelVersion(db);
    if (!modelId) return null;
    const songs = await listClusterSongs(db, { modelId });
    return buildLibraryIndex(songs.map((s) => toLibraryEntry({ ...s, id: s.trackId })));
  };
  return {
    async findById(id) {
      const db = await getDb();
      const modelId = await findActiveModelVersion(db);
      const row = modelId ? await findLibrarySong(db, { id, modelId }) : null;
      return row && toLibraryEntry(row);
    },
    async search(query, limit) {
      index ??= buildIndex();
      const built = await index;
      return built ? built.search(query, { limit }) : [];
    },
  };
}
