// The offline catalog (the public Spotify tracks dataset): search, lookup and features, no network.
import { loadCatalog } from "../catalog/load-catalog";
import type { TResolverConfig } from "../env";
import { defineProvider, describeTrack, type TProviderImpl } from "./feature-provider";

const SUGGESTIONS_NOTE = (nearest: string | undefined) => `not found offline${nearest ? `; nearest ${nearest}` : ""}`;

export function createCatalogProvider(config: Pick<TResolverConfig, "catalogPath" | "catalogCacheDir">): TProviderImpl {
  // Loaded on first use, once per file per process (loadCatalog memoises).
  const catalog = () => loadCatalog({ path: config.catalogPath, cacheDir: config.catalogCacheDir });
  return {
    reach: "local",
    capabilities: ["lookup", "search", "features"],
    configuration: { configured: true },

    async lookup(id) {
      const entry = (await catalog()).getById(id);
      if (!entry) return { found: false, reason: "not in the offline catalog" };
      return { found: true, ...entry, outcome: `found ${describeTrack(entry.track)} by id` };
    },

    async search(query, limit) {
      const matches = (await catalog()).search(query, { limit });
      const best = matches[0];
      const tracks = matches.map((m) => m.track);
      if (!best?.confident)
        return { found: false, reason: "not found offline", outcome: SUGGESTIONS_NOTE(best && describeTrack(best.track)), nearest: tracks };
      const how = best.exact ? " (exact)" : ` (score ${best.score.toFixed(2)})`;
      return {
        found: true,
        track: best.track,
        features: best.features,
        candidates: tracks,
        outcome: `matched ${describeTrack(best.track)}${how}`,
        exact: best.exact,
      };
    },

    async features(id) {
      const entry = (await catalog()).getById(id);
      if (!entry) return { found: false, reason: "track not in the catalog" };
      return { found: true, features: entry.features, outcome: "found by id" };
    },

    async extras(id) {
      try {
        const genres = (await catalog()).getById(id)?.track.genres;
        return genres ? { genres } : {};
      } catch {
        return {};
      }
    },
  };
}

export const catalogProvider = defineProvider({
  name: "catalog",
  label: "the offline Spotify tracks catalog",
  create: createCatalogProvider,
});
