// The song resolver: the configured providers in order (see resolve-steps.ts), a bounded cache of successes,
// and a picker search. Nothing here knows a provider by name except the legacy spotifyFeaturesAvailable flag.
import { LRUCache } from "lru-cache";
import { resolveSpotifyConfig, type TResolverConfig } from "../env";
import { AllProvidersFailedError, type TProviderFailure } from "../errors";
import type { TProviderDefinition, TFeatureProvider } from "../providers/feature-provider";
import { parseSongQuery } from "../track-ref/parse-song-query";
import type { TProviderName, TResolvedSong, TSongQuery, TTextQuery, TTrack } from "../types";
import { buildChain } from "./build-chain";
import { cacheKey } from "./cache-key";
import { reasonOf, skipReason } from "./resolution-run";
import { CANDIDATES, resolveId, resolveText } from "./resolve-steps";

export type TSongResolver = {
  /** Resolves a title/artist or a Spotify track link/URI/id. Throws InvalidQueryError, SongNotFoundError or AllProvidersFailedError. */
  resolve(query: TSongQuery): Promise<TResolvedSong>;
  /** Ranked tracks for a picker from every configured provider that searches, in order, without features. */
  search(query: TTextQuery, options?: { limit?: number }): Promise<TTrack[]>;
  /** Whether Spotify's audio-features endpoint is still used (a 403 turns it off for this resolver, which the apps keep for the whole process). */
  readonly spotifyFeaturesAvailable: boolean;
  /** The chain in the configured order, with each provider's label and configuration. */
  readonly providers: readonly TFeatureProvider[];
};

export type TSongResolverOptions = Partial<TResolverConfig> & {
  /** Where `providers` names are looked up; default the package's registry. */
  registry?: readonly TProviderDefinition[];
  /** Providers built by the app (e.g. one that needs a database handle); used in place of a registry factory of the same name. */
  supplied?: readonly TFeatureProvider[];
};

export function createSongResolver(options: TSongResolverOptions = {}): TSongResolver {
  const { registry, supplied, ...overrides } = options;
  const config: TResolverConfig = { ...resolveSpotifyConfig({} as NodeJS.ProcessEnv), ...overrides };
  const chain = buildChain(config, { registry, supplied });
  const cache = new LRUCache<string, Promise<TResolvedSong>>({ max: config.cacheSize });

  return {
    providers: chain.providers,

    get spotifyFeaturesAvailable() {
      return !chain.providers.some((p) => p.name === "spotify" && p.pausedReason?.("features"));
    },

    resolve(query) {
      let internal;
      try {
        internal = parseSongQuery(query);
      } catch (error) {
        return Promise.reject(error);
      }
      const key = cacheKey(internal);
      const cached = cache.get(key);
      if (cached) return cached;
      const pending = "trackId" in internal ? resolveId(chain, internal.trackId) : resolveText(chain, internal);
      cache.set(key, pending);
      // Only successes stay cached: a miss or a fault may not repeat (credentials added, network back).
      pending.catch(() => {
        if (cache.get(key) === pending) cache.delete(key);
      });
      return pending;
    },

    async search(query, options = {}) {
      const internal = parseSongQuery(query);
      if ("trackId" in internal) return [(await this.resolve(internal)).track];
      const limit = options.limit ?? CANDIDATES;
      const out: TTrack[] = [];
      const failures: TProviderFailure[] = [];
      let answered = false;
      for (const provider of chain.providers) {
        if (!provider.capabilities.includes("search") || skipReason(provider, "search")) continue;
        try {
          const answer = await provider.search!(internal, limit);
          const seen = new Set(out.map((t) => t.id));
          out.push(...(answer.found ? answer.candidates : answer.nearest).filter((t) => !seen.has(t.id)));
          answered = true;
        } catch (error) {
          failures.push({ provider: provider.name as TProviderName, reason: reasonOf(error), fault: true });
        }
      }
      if (!answered && failures.length > 0) throw new AllProvidersFailedError(failures);
      return out;
    },
  };
}
