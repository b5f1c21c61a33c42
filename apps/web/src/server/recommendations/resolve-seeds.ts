// Every seed and "not like this" song of a request, resolved through the song resolver (library, catalog, then the
// online sources). A seed that cannot be found is a 404 naming which one; a source outage stays a 503.
import { InvalidQueryError, parseSongQuery, SongNotFoundError, type TParsedSongQuery, type TResolvedSong } from "@anisong/providers";
import { ApiError } from "../http/errors";
import { toApiError } from "../http/handle-route";
import type { TSeedRef } from "../schemas";
import { getResolver } from "../services";

export type TSeedList = "seeds" | "avoid";

export type TResolvedSeeds = { seeds: TResolvedSong[]; avoid: TResolvedSong[] };

export async function resolveSeeds(input: {
  seeds: readonly TSeedRef[];
  avoid: readonly TSeedRef[];
  /** the request used the top-level trackId/title/artist form: name those fields, not seeds.0 */
  singleSeed: boolean;
}): Promise<TResolvedSeeds> {
  const [seeds, avoid] = await Promise.all([resolveList("seeds", input.seeds, input.singleSeed), resolveList("avoid", input.avoid, false)]);
  return { seeds, avoid };
}

function resolveList(list: TSeedList, refs: readonly TSeedRef[], topLevel: boolean): Promise<TResolvedSong[]> {
  return Promise.all(refs.map((ref, i) => resolveOne({ list, index: i, count: refs.length, topLevel }, ref)));
}

type TSeedPlace = { list: TSeedList; index: number; count: number; topLevel: boolean };

async function resolveOne(place: TSeedPlace, ref: TSeedRef): Promise<TResolvedSong> {
  const { list, index, count } = place;
  const field = `${list}.${index}`;
  const query = parseRef(place.topLevel ? "" : field, ref);
  try {
    return await getResolver().resolve(query);
  } catch (error) {
    if (!(error instanceof SongNotFoundError) || place.topLevel) throw error; // an outage stays a 503; one seed: as before
    const api = toApiError(error);
    const which = list === "seeds" ? (count > 1 ? `Seed ${index + 1}` : "Your song") : `"Not like this" song ${index + 1}`;
    const details = typeof api.extra.details === "object" && api.extra.details !== null ? api.extra.details : {};
    throw new ApiError(api.status, api.code, `${which} (${field}): ${api.message}`, { ...api.extra, details: { ...details, field } });
  }
}

/** field "" = the top-level one-seed form. */
function parseRef(field: string, ref: TSeedRef): TParsedSongQuery {
  try {
    // Parsed here, so a bad track reference gets its field issue; the resolver takes the parsed query as is.
    return parseSongQuery(ref.trackId !== undefined ? { trackId: ref.trackId } : { title: ref.title, artist: ref.artist });
  } catch (error) {
    if (error instanceof InvalidQueryError && ref.trackId !== undefined) {
      const path = field ? `${field}.trackId` : "trackId";
      const message = field ? `${path}: that is not a Spotify track link, URI or id.` : "That is not a Spotify track link, URI or id.";
      throw new ApiError(400, "bad_request", message, {
        issues: [{ path, message: "expected https://open.spotify.com/track/…, spotify:track:… or a 22-character id" }],
      });
    }
    throw error;
  }
}
