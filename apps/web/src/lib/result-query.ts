// The results page's URL ⇄ the recommendation request. A pasted Spotify link (or URI) in the title box
// becomes a track query; everything else is a title/artist search.
import type { TRecommendationQuery } from "./api-client";

const SPOTIFY_LINK = /^(https?:\/\/(open|play)\.spotify\.com\/|spotify:track:)/i;

export function looksLikeSpotifyLink(text: string): boolean {
  return SPOTIFY_LINK.test(text.trim());
}

/** The one builder of results links (fromSearchParams reads them back): a track, or a title and/or artist. */
export function resultsHref(query: TRecommendationQuery): string {
  const params = new URLSearchParams();
  if (query.trackId) params.set("track", query.trackId);
  else {
    if (query.title) params.set("title", query.title);
    if (query.artist) params.set("artist", query.artist);
  }
  return `/results?${params}`;
}

/** The search form's fields → a results link, or null when both are blank. */
export function toResultsHref(fields: { title: string; artist: string }): string | null {
  const title = fields.title.trim();
  const artist = fields.artist.trim();
  if (!title && !artist) return null;
  return resultsHref(title && looksLikeSpotifyLink(title) ? { trackId: title } : { title, artist });
}

export function fromSearchParams(params: Record<string, string | string[] | undefined>): TRecommendationQuery | null {
  const pick = (key: string) => {
    const v = params[key];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s.slice(0, 300) : undefined;
  };
  const track = pick("track");
  if (track) return { trackId: track };
  const title = pick("title");
  const artist = pick("artist");
  if (!title && !artist) return null;
  return { ...(title ? { title } : {}), ...(artist ? { artist } : {}) };
}
