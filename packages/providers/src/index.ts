export { parseSpotifyTrackRef, looksLikeSpotifyLink } from "./track-ref/parse-spotify-track-ref";
export { loadCatalog, defaultCatalogPath, defaultCatalogCacheDir, type TLoadCatalogOptions } from "./catalog/load-catalog";
export { Catalog, type TCatalogEntry, type TCatalogMatch, type TCatalogSearchOptions } from "./catalog/catalog";
export { createSongResolver, type TSongResolver } from "./resolver/create-song-resolver";
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
export { ZTrack, PROVIDER_NAMES, spotifyTrackUrl, type TTrack, type TResolvedSong, type TAttempt, type TProviderName, type TTextQuery, type TSongQuery } from "./types";
