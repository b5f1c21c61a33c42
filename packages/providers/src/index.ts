export { parseSpotifyTrackRef, looksLikeSpotifyLink } from "./track-ref/parse-spotify-track-ref";
export { loadCatalog, defaultCatalogPath, defaultCatalogCacheDir, type TLoadCatalogOptions } from "./catalog/load-catalog";
export { warmCatalogCache, warmConfiguredCatalogCache, type TWarmCatalogResult } from "./catalog/warm-catalog-cache";
export { Catalog, type TCatalogEntry, type TCatalogMatch, type TCatalogSearchOptions } from "./catalog/catalog";
export { parseCatalogCsv, readCatalogFile } from "./catalog/read-catalog-file";
export type { TCatalogData } from "./catalog/catalog-data";
export { createSongResolver, type TSongResolver, type TSongResolverOptions } from "./resolver/create-song-resolver";
export { parseSongQuery, type TParsedSongQuery } from "./track-ref/parse-song-query";
export {
  createLibraryProvider,
  buildLibraryIndex,
  libraryTrack,
  toLibraryEntry,
  LIBRARY_LABEL,
  type TLibraryEntry,
  type TLibraryLookup,
} from "./providers/library-provider";
export { defaultRegistry, PROVIDER_NAMES, PROVIDER_LABELS, providerLabel, type TProviderName } from "./providers/registry";
export {
  defineProvider,
  describeTrack,
  type TFeatureProvider,
  type TProviderDefinition,
  type TProviderImpl,
  type TCapability,
  type TLookupAnswer,
  type TSearchAnswer,
  type TFeaturesAnswer,
  type TMiss,
} from "./providers/feature-provider";
export {
  SpotifyClient,
  createSpotifyClient,
  SEVERAL_TRACKS_MAX_IDS,
  type TSpotifyClientOptions,
  type TSpotifyTrackDetails,
} from "./providers/spotify/spotify-client";
export { resolveSpotifyConfig, ZSpotifyEnv, SpotifyConfigError, type TResolverConfig, type TSpotifyCredentials } from "./env";
export {
  SpotifyPackageError,
  InvalidQueryError,
  SongNotFoundError,
  AllProvidersFailedError,
  ProviderFault,
  CatalogLoadError,
  OFFLINE_HINT,
  type TProviderFailure,
  type TFaultKind,
} from "./errors";
export { normalizeText } from "./text/normalize";
export {
  ZTrack,
  spotifyTrackUrl,
  type TTrack,
  type TResolvedSong,
  type TMatchedBy,
  type TAttempt,
  type TTextQuery,
  type TSongQuery,
} from "./types";
