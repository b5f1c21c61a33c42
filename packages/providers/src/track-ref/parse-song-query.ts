// The one place a listener's query is checked and a pasted Spotify reference becomes a track id. Apps that
// need the error before resolving (a CLI usage error, a 400 with field issues) call it and pass the result
// on; the resolver does not parse a query it parsed already.
import { MAX_QUERY_LENGTH } from "../catalog/catalog";
import { InvalidQueryError } from "../errors";
import { normalizeText } from "../text/normalize";
import type { TSongQuery, TTextQuery } from "../types";
import { looksLikeSpotifyLink, parseSpotifyTrackRef } from "./parse-spotify-track-ref";

export type TParsedSongQuery = Readonly<{ trackId: string }> | Readonly<TTextQuery>;

const parsedQueries = new WeakSet<object>();

function parsed(query: { trackId: string } | TTextQuery): TParsedSongQuery {
  const frozen = Object.freeze(query);
  parsedQueries.add(frozen);
  return frozen;
}

/** Throws InvalidQueryError for a reference that is not a Spotify track, an empty query or an overlong one. */
export function parseSongQuery(query: TSongQuery): TParsedSongQuery {
  if (parsedQueries.has(query)) return query;
  if ("trackId" in query) {
    const id = parseSpotifyTrackRef(query.trackId);
    if (!id) throw new InvalidQueryError("Not a Spotify track link, URI or id.");
    return parsed({ trackId: id });
  }
  const title = query.title?.trim() ?? "";
  const artist = query.artist?.trim() ?? "";
  if (!artist && looksLikeSpotifyLink(title)) return parsed({ trackId: parseSpotifyTrackRef(title)! });
  if (!normalizeText(title) && !normalizeText(artist)) throw new InvalidQueryError("Give a title, an artist, or both.");
  if (title.length > MAX_QUERY_LENGTH || artist.length > MAX_QUERY_LENGTH)
    throw new InvalidQueryError(`A title or artist longer than ${MAX_QUERY_LENGTH} characters is not a song.`);
  return parsed({ title: title || undefined, artist: artist || undefined });
}
