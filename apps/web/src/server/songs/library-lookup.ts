// The web app's side of the `library` provider: a song by any id through the database (one indexed query), and
// text search with the catalog's machinery over the active model's songs, indexed once per model version.
import { findLibrarySong, type TDb } from "@anisong/db";
import { buildLibraryIndex, toLibraryEntry, type Catalog, type TLibraryLookup } from "@anisong/providers";
import { ModelUnavailableError } from "../http/errors";
import { loadActiveModel, type TLoadedModel } from "../model/load-active-model";
import { processWide } from "../process-wide";

/** One per process (process-wide.ts), like the loaded models it is keyed by: the API's and the pages' copies share it. */
const indexes = processWide("library-indexes", () => new WeakMap<TLoadedModel, Catalog>());

function libraryIndexOf(loaded: TLoadedModel): Catalog {
  let index = indexes.get(loaded);
  if (!index) {
    index = buildLibraryIndex(loaded.songs.map((s) => toLibraryEntry({ ...s, id: s.trackId })));
    indexes.set(loaded, index);
  }
  return index;
}

/** No model yet: the library is empty (a miss, so the other sources are still asked), not a fault. */
async function activeOrNull(db: TDb): Promise<TLoadedModel | null> {
  try {
    return await loadActiveModel(db);
  } catch (error) {
    if (error instanceof ModelUnavailableError) return null;
    throw error;
  }
}

export function createLibraryLookup(getDb: () => Promise<TDb>): TLibraryLookup {
  return {
    async findById(id) {
      const db = await getDb();
      const loaded = await activeOrNull(db);
      if (!loaded) return null;
      const row = await findLibrarySong(db, { id, modelId: loaded.version });
      return row && toLibraryEntry(row);
    },
    async search(query, limit) {
      const loaded = await activeOrNull(await getDb());
      return loaded ? libraryIndexOf(loaded).search(query, { limit }) : [];
    },
  };
}
