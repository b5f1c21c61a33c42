export { createCodeVerifier, codeChallengeFor, createOAuthState, buildAuthorizeUrl, SPOTIFY_SAVE_SCOPES } from "./pkce";
export {
  SpotifyPlaylistClient,
  MAX_ITEMS_PER_ADD,
  type TSpotifyPlaylistClientOptions,
  type TSpotifyTokens,
} from "./spotify-playlist-client";
export { savePlaylist, TOKEN_EXPIRY_MARGIN_MS, type TSavePlaylistInput, type TSavedPlaylist } from "./save-playlist";
export { SpotifySaveError, SPOTIFY_SAVE_ERROR_CODES, type TSpotifySaveErrorCode } from "./spotify-save-error";
