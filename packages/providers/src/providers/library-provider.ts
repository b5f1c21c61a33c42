// Anisong's own anime library (the songs recommendations come from, in the database): first in the chain, so a
// song of the library resolves from it by id or by title/artist. The app supplies it (the package has no
// database): it implements TLibraryLookup with its db functions and passes createLibraryProvider(lookup) to
// createSongResolver's `supplied`. Text search reuses the catalog's search (case, width, kana, typos) over
// the library rows: buildLibraryIndex.
import type { TAudioFeatures } from "@anisong/core-ml";
import { FEATURE_NAMES } from "@anisong/core-ml";
import { Catalog, type TCatalogMatch } from "../catalog/catalog";
import type { TCatalogData } from "../catalog/catalog-data";
import type { TTextQuery, TTrack } from "../types";
import { spotifyTrackUrl } from "../types";
import { defineProvider, describeTrack, type TFeatureProvider } from "./feature-provider";

export const LIBRARY_LABEL = "Anisong's anime library";

/** One library song as the provider needs it. */
export type TLibraryEntry = {
  id: string;
  title: string;
  artists: string[];
  album: string | null;
  popularity: number | null;
  genres?: string[];
  features: TAudioFeatures;
};

/** What the app implements: a song by any of its ids, and a ranked text search (the index below does it). */
export type TLibraryLookup = {
  findById(id: string): Promise<TLibraryEntry | null>;
  search(query: TTextQuery, limit: number): Promise<TCatalogMatch[]>;
};

/** Just the provider's fields of a database row (the apps' rows carry more). */
export function toLibraryEntry(song: TLibraryEntry): TLibraryEntry {
  const { id, title, artists, album, popularity, genres, features } = song;
  return { id, title, artists, album, popularity, genres, features };
}

/** The catalog's search machinery over library rows; build it once per library (model version). */
export function buildLibraryIndex(entries: readonly TLibraryEntry[]): Catalog {
  const features = new Float64Array(entries.length * FEATURE_NAMES.length);
  entries.forEach((e, i) => FEATURE_NAMES.forEach((name, j) => (features[i * FEATURE_NAMES.length + j] = e.features[name])));
  const data: TCatalogData = {
    ids: entries.map((e) => e.id),
    titles: entries.map((e) => e.title),
    artists: entries.map((e) => e.artists),
    albums: entries.map((e) => e.album ?? ""),
    popularity: Uint8Array.from(entries.map((e) => e.popularity ?? 0)),
    features,
    genres: entries.map((e) => e.genres ?? []),
    rowCount: entries.length,
    rejected: [],
  };
  return Catalog.build(data);
}

export function libraryTrack(entry: TLibraryEntry): TTrack {
  return {
    id: entry.id,
    title: entry.title,
    artists: entry.artists,
    ...(entry.album ? { album: entry.album } : {}),
    ...(entry.popularity !== null ? { popularity: entry.popularity } : {}),
    ...(entry.genres && entry.genres.length > 0 ? { genres: entry.genres } : {}),
    spotifyUrl: spotifyTrackUrl(entry.id),
  };
}

export function createLibraryProvider(lookup: TLibraryLookup): TFeatureProvider {
  return {
    name: "library",
    label: LIBRARY_LABEL,
    reach: "local",
    capabilities: ["lookup", "search", "features"],
    configuration: { configured: true },

    async lookup(id) {
      const entry = await lookup.findById(id);
      if (!entry) return { found: false, reason: "not in Anisong's anime library" };
      const track = libraryTrack(entry);
      return { found: true, track, features: entry.features, outcome: `found ${describeTrack(track)} by id` };
    },

    async search(query, limit) {
      const matches = await lookup.search(query, limit);
      const best = matches[0];
      const tracks = matches.map((m) => m.track);
      if (!best?.confident) {
        return {
          found: false,
          reason: "not in Anisong's anime library",
          outcome: `not in the library${best ? `; nearest ${describeTrack(best.track)}` : ""}`,
          nearest: tracks,
        };
      }
      const how = best.exact ? " (exact)" : ` (score ${best.score.toFixed(2)})`;
      return {
        found: true,
        track: best.track,
        features: best.features,
        candidates: tracks,
        outcome: `matched ${describeTrack(best.track)}${how}`,
      };
    },

    async features(id) {
      const entry = await lookup.findById(id);
      if (!entry) return { found: false, reason: "not in Anisong's anime library" };
      return { found: true, features: entry.features, outcome: "found by id" };
    },
  };
}

/** The registry line: no factory, the app supplies the instance. */
export const libraryProvider = defineProvider({ name: "library", label: LIBRARY_LABEL });
