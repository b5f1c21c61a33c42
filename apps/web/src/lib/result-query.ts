// The results page's URL ⇄ the recommendation request. A pasted Spotify link (or URI) in the title box
// becomes a track query; everything else is a title/artist search.
import type { TRecommendationQuery } from "./api-client";
import { EMPTY_TUNE, tuneFromParams, tuneParams, type TTune } from "./steering";

const SPOTIFY_LINK = /^(https?:\/\/(open|play)\.spotify\.com\/|spotify:track:)/i;

export function looksLikeSpotifyLink(text: string): boolean {
  return SPOTIFY_LINK.test(text.trim());
}

/**
 * The one builder of results links (fromSearchParams and tuneFromSearchParams read them back): a track, or a title
 * and/or artist, then the Tune panel's state (seed=…&avoid=…&energy=more&tempoMin=…&variety=…&maxPerArtist=…).
 */
export function resultsHref(query: TRecommendationQuery, tune: TTune = EMPTY_TUNE): string {
  const params = new URLSearchParams();
  if (query.trackId) params.set("track", query.trackId);
  else {
    if (query.title) params.set("title", query.title);
    if (query.artist) params.set("artist", query.artist);
  }
  tuneParams(tune, params);
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

/** The results URL's tune (empty when it has none). */
export function tuneFromSearchParams(params: Record<string, string | string[] | undefined>): TTune {
  return tuneFromParams(params);
}

/** Whether a tune changes anything from the API's defaults. */
export function isTuned(tune: TTune): boolean {
  return tuneParams(tune).size > 0;
}
