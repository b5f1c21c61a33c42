// One entry per song in a list the listener sees: the first item of each songKey (the list's order is its rank).
import { songKeyOf } from "@anisong/library";
import type { TTrack } from "@anisong/providers";

export function onePerSong<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// songKeyOf folds and normalises the title and artists with a dozen regular expressions, and every recommendation
// asks it for each of the song's ten candidates: the same catalogue tracks, request after request. Their keys are
// remembered, up to KEY_CACHE_LIMIT, then the memory starts over.
export const KEY_CACHE_LIMIT = 20_000;
const keys = new Map<string, string>();

/** The song key of a provider's track (no features here: versions fold by title and lead artist). */
export function trackSongKey(track: Pick<TTrack, "id" | "title" | "artists">): string {
  const cacheKey = `${track.id}\u0000${track.title}\u0000${track.artists.join("\u0000")}`;
  let key = keys.get(cacheKey);
  if (key === undefined) {
    key = songKeyOf({ id: track.id, title: track.title, artists: track.artists });
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}
