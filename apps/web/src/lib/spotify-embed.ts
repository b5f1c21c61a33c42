// The Spotify embed player's origin: the only one the page may frame (the CSP's frame-src names the same value).
export const SPOTIFY_EMBED_ORIGIN = "https://open.spotify.com";
