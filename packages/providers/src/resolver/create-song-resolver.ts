// The provider chain: identify the listener's track (catalog search, Spotify search, or a pasted id), then find
// its features from the first provider in the configured order that has them. Every provider's part is recorded
// in `attempts`; faults fall through to the next provider; nothing here logs.
import { LRUCache } from "lru-cache";
import type { TAudioFeatures } from "@anisong/core-ml";
import { MAX_QUERY_LENGTH, type Catalog, type TCatalogMatch } from "../catalog/catalog";
import { loadCatalog } from "../catalog/load-catalog";
import { resolveSpotifyConfig, type TResolverConfig } from "../env";
import { AllProvidersFailedError, InvalidQueryError, OFFLINE_HINT, ProviderFault, SongNotFoundError, type TProviderFailure } from "../errors";
import { ReccoBeatsClient } from "../providers/reccobeats/reccobeats-client";
import { SpotifyClient } from "../providers/spotify/spotify-client";
import { normalizeText } from "../text/normalize";
import { looksLikeSpotifyLink, parseSpotifyTrackRef } from "../track-ref/parse-spotify-track-ref";
import type { TAttempt, TProviderName, TResolvedSong, TSongQuery, TTextQuery, TTrack } from "../types";
import { cacheKey } from "./cache-key";

export type TSongResolver = {
  /** Resolves a title/artist or a Spotify track link/URI/id. Throws InvalidQueryError, SongNotFoundError or AllProvidersFailedError. */
  resolve(query: TSongQuery): Promise<TResolvedSong>;
  /** Ranked tracks for a picker: catalog matches, then Spotify's (when configured), without features. */
  search(query: TTextQuery, options?: { limit?: number }): Promise<TTrack[]>;
  /** Whether Spotify's audio-features endpoint is still used (a 403 turns it off for this resolver, which the apps keep for the whole process). */
  readonly spotifyFeaturesAvailable: boolean;
};

const CANDIDATES = 10;
const SUGGESTIONS = 5;
const FOUND_ELSEWHERE_HINT = "Not found in the catalog or on Spotify. Check the spelling, or paste the song's Spotify link.";

type TRun = { attempts: TAttempt[]; failures: TProviderFailure[] };
type TFeatures = { features: TAudioFeatures; source: TProviderName };

function describe(track: TTrack): string {
  return `"${track.title}" by ${track.artists.join(", ") || "unknown artist"}`;
}

function reasonOf(error: unknown): string {
  if (error instanceof ProviderFault) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function createSongResolver(overrides: Partial<TResolverConfig> = {}): TSongResolver {
  const config: TResolverConfig = { ...resolveSpotifyConfig({} as NodeJS.ProcessEnv), ...overrides };
  const enabled = (name: TProviderName) => config.providers.includes(name);
  const spotify = enabled("spotify") && config.spotify
    ? new SpotifyClient({ ...config.spotify, apiBase: config.spotifyApiBase, accountsBase: config.spotifyAccountsBase, timeoutMs: config.timeoutMs, maxRetryAfterMs: config.maxRetryAfterMs })
    : null;
  const reccobeats = enabled("reccobeats") ? new ReccoBeatsClient({ apiBase: config.reccobeatsApiBase, timeoutMs: config.timeoutMs, maxRetryAfterMs: config.maxRetryAfterMs }) : null;
  const hint = spotify ? FOUND_ELSEWHERE_HINT : OFFLINE_HINT;
  // Set by the first 403 from Spotify's audio-features (apps created after Nov 2024 get one on every call).
  let spotifyFeaturesOff: string | null = null;
  const cache = new LRUCache<string, Promise<TResolvedSong>>({ max: config.cacheSize });

  const catalog = (): Promise<Catalog> => loadCatalog({ path: config.catalogPath, cacheDir: config.catalogCacheDir });

  function fail(run: TRun, provider: TProviderName, error: unknown): void {
    const reason = reasonOf(error);
    run.failures.push({ provider, reason, fault: true });
    run.attempts.push({ provider, outcome: `failed: ${reason}` });
  }

  /** The provider answered, without the song. */
  function miss(run: TRun, provider: TProviderName, reason: string, outcome = reason): void {
    run.failures.push({ provider, reason, fault: false });
    run.attempts.push({ provider, outcome });
  }

  /** Features by Spotify id from the first provider (in configured order) that has them. */
  async function featuresById(id: string, run: TRun, skipCatalog: boolean): Promise<TFeatures | null> {
    for (const provider of config.providers) {
      if (provider === "catalog") {
        if (skipCatalog) continue;
        try {
          const entry = (await catalog()).getById(id);
          if (entry) {
            run.attempts.push({ provider, outcome: "features: found by id" });
            return { features: entry.features, source: "catalog" };
          }
          miss(run, provider, "track not in the catalog", "features: track not in the catalog");
        } catch (error) {
          fail(run, provider, error);
        }
      } else if (provider === "spotify") {
        if (!spotify) {
          run.attempts.push({ provider, outcome: "features: skipped (no credentials)" });
        } else if (spotifyFeaturesOff) {
          run.attempts.push({ provider, outcome: `features: skipped (${spotifyFeaturesOff})` });
        } else {
          try {
            const features = await spotify.audioFeatures(id);
            run.attempts.push({ provider, outcome: "features: found" });
            return { features, source: "spotify" };
          } catch (error) {
            if (error instanceof ProviderFault && error.kind === "forbidden") {
              spotifyFeaturesOff = "audio features unavailable to this app (HTTP 403), not asked again by this resolver";
            }
            fail(run, provider, error);
          }
        }
      } else if (reccobeats) {
        try {
          const features = await reccobeats.audioFeatures(id);
          if (features) {
            run.attempts.push({ provider, outcome: "features: found" });
            return { features, source: "reccobeats" };
          }
          miss(run, provider, "no audio features for this track", "features: none for this track");
        } catch (error) {
          fail(run, provider, error);
        }
      }
    }
    return null;
  }

  function noFeatures(track: TTrack, run: TRun): never {
    throw new AllProvidersFailedError(
      run.failures.length > 0 ? run.failures : [{ provider: "catalog", reason: `no provider has features for ${describe(track)}`, fault: false }],
    );
  }

  async function resolveText(query: TTextQuery): Promise<TResolvedSong> {
    const run: TRun = { attempts: [], failures: [] };
    let suggestions: TTrack[] = [];
    for (const provider of config.providers) {
      if (provider === "catalog") {
        let matches: TCatalogMatch[];
        try {
          matches = (await catalog()).search(query, { limit: CANDIDATES });
        } catch (error) {
          fail(run, provider, error);
          continue;
        }
        const best = matches[0];
        if (best?.confident) {
          run.attempts.push({ provider, outcome: `matched ${describe(best.track)}${best.exact ? " (exact)" : ` (score ${best.score.toFixed(2)})`}` });
          return { track: best.track, features: best.features, source: "catalog", candidates: matches.map((m) => m.track), attempts: run.attempts };
        }
        suggestions = matches.slice(0, SUGGESTIONS).map((m) => m.track);
        miss(run, provider, "not found offline", `not found offline${best ? `; nearest ${describe(best.track)}` : ""}`);
      } else if (provider === "spotify") {
        if (!spotify) {
          run.attempts.push({ provider, outcome: "skipped (no credentials)" });
          continue;
        }
        let tracks: TTrack[];
        try {
          tracks = await spotify.searchTracks(query, CANDIDATES);
        } catch (error) {
          fail(run, provider, error);
          continue;
        }
        const best = tracks[0];
        if (!best) {
          miss(run, provider, "no match");
          continue;
        }
        run.attempts.push({ provider, outcome: `matched ${describe(best)}` });
        const found = await featuresById(best.id, run, false);
        if (!found) noFeatures(best, run);
        const track = await withCatalogGenres(best);
        return { track, ...found, candidates: tracks, attempts: run.attempts };
      }
      // ReccoBeats looks tracks up by Spotify id only; it joins in once a track is identified.
    }
    if (run.failures.some((f) => f.fault)) throw new AllProvidersFailedError(run.failures, suggestions);
    const what = [query.title && `"${query.title}"`, query.artist && `by ${query.artist}`].filter(Boolean).join(" ");
    throw new SongNotFoundError(`No confident match for ${what}.`, suggestions, hint, run.attempts);
  }

  /** Genres are only in the catalog; add them when the Spotify-found track is there too. */
  async function withCatalogGenres(track: TTrack): Promise<TTrack> {
    if (!enabled("catalog")) return track;
    try {
      const genres = (await catalog()).getById(track.id)?.track.genres;
      return genres ? { ...track, genres } : track;
    } catch {
      return track;
    }
  }

  async function resolveId(id: string): Promise<TResolvedSong> {
    const run: TRun = { attempts: [], failures: [] };
    if (enabled("catalog")) {
      try {
        const entry = (await catalog()).getById(id);
        if (entry) {
          run.attempts.push({ provider: "catalog", outcome: `found ${describe(entry.track)} by id` });
          return { ...entry, source: "catalog", candidates: [entry.track], attempts: run.attempts };
        }
        miss(run, "catalog", "not in the offline catalog");
      } catch (error) {
        fail(run, "catalog", error);
      }
    }
    let track: TTrack | null = null;
    for (const provider of config.providers) {
      if (track) break;
      try {
        if (provider === "spotify") {
          if (!spotify) run.attempts.push({ provider, outcome: "skipped (no credentials)" });
          else track = await spotify.getTrack(id);
        } else if (provider === "reccobeats" && reccobeats) {
          track = await reccobeats.track(id);
          if (!track) miss(run, provider, "track unknown");
        }
        if (track) run.attempts.push({ provider, outcome: `found ${describe(track)}` });
      } catch (error) {
        fail(run, provider, error);
      }
    }
    if (!track) {
      if (run.failures.some((f) => f.fault)) throw new AllProvidersFailedError(run.failures);
      throw new SongNotFoundError(`Track ${id} was not found.`, [], hint, run.attempts);
    }
    const found = await featuresById(id, run, true);
    if (!found) noFeatures(track, run);
    return { track, ...found, candidates: [track], attempts: run.attempts };
  }

  function toInternal(query: TSongQuery): { trackId: string } | TTextQuery {
    if ("trackId" in query) {
      const id = parseSpotifyTrackRef(query.trackId);
      if (!id) throw new InvalidQueryError("Not a Spotify track link, URI or id.");
      return { trackId: id };
    }
    const title = query.title?.trim() ?? "";
    const artist = query.artist?.trim() ?? "";
    if (!artist && looksLikeSpotifyLink(title)) return { trackId: parseSpotifyTrackRef(title)! };
    if (!normalizeText(title) && !normalizeText(artist)) throw new InvalidQueryError("Give a title, an artist, or both.");
    if (title.length > MAX_QUERY_LENGTH || artist.length > MAX_QUERY_LENGTH) throw new InvalidQueryError(`A title or artist longer than ${MAX_QUERY_LENGTH} characters is not a song.`);
    return { title: title || undefined, artist: artist || undefined };
  }

  return {
    get spotifyFeaturesAvailable() {
      return spotifyFeaturesOff === null;
    },

    resolve(query) {
      let internal: { trackId: string } | TTextQuery;
      try {
        internal = toInternal(query);
      } catch (error) {
        return Promise.reject(error);
      }
      const key = cacheKey(internal);
      const cached = cache.get(key);
      if (cached) return cached;
      const pending = "trackId" in internal ? resolveId(internal.trackId) : resolveText(internal);
      cache.set(key, pending);
      // Only successes stay cached: a miss or a fault may not repeat (credentials added, network back).
      pending.catch(() => {
        if (cache.get(key) === pending) cache.delete(key);
      });
      return pending;
    },

    async search(query, options = {}) {
      const internal = toInternal(query);
      if ("trackId" in internal) return [(await this.resolve(internal)).track];
      const limit = options.limit ?? CANDIDATES;
      const out: TTrack[] = [];
      const failures: TProviderFailure[] = [];
      let answered = false;
      if (enabled("catalog")) {
        try {
          out.push(...(await catalog()).search(internal, { limit }).map((m) => m.track));
          answered = true;
        } catch (error) {
          failures.push({ provider: "catalog", reason: reasonOf(error), fault: true });
        }
      }
      if (spotify) {
        try {
          const seen = new Set(out.map((t) => t.id));
          out.push(...(await spotify.searchTracks(internal, limit)).filter((t) => !seen.has(t.id)));
          answered = true;
        } catch (error) {
          failures.push({ provider: "spotify", reason: reasonOf(error), fault: true });
        }
      }
      if (!answered && failures.length > 0) throw new AllProvidersFailedError(failures);
      return out;
    },
  };
}
