// Spotify track references a listener may paste: an open.spotify.com link, a spotify: URI, or the bare id.

const ID = /^[0-9A-Za-z]{22}$/;
const URI = /^spotify:track:([0-9A-Za-z]{22})$/;
const PATH = /^\/(?:intl-[a-z]{2}(?:-[a-z]{2,4})?\/)?(?:embed\/)?track\/([0-9A-Za-z]{22})\/?$/i;

/** The 22-character base-62 track id, or null when the input is not a Spotify track reference. */
export function parseSpotifyTrackRef(input: string): string | null {
  const text = input.trim();
  if (ID.test(text)) return text;
  const uri = URI.exec(text);
  if (uri) return uri[1]!;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.hostname !== "open.spotify.com" && url.hostname !== "play.spotify.com") return null;
  const path = PATH.exec(url.pathname);
  return path ? path[1]! : null;
}

/** True for input that is clearly meant as a link or URI (not a title that happens to be 22 letters). */
export function looksLikeSpotifyLink(input: string): boolean {
  return /spotify[.:]/i.test(input) && parseSpotifyTrackRef(input) !== null;
}
