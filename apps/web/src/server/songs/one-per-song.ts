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

/** The song key of a provider's track (no features here: versions fold by title and lead artist). */
export function trackSongKey(track: Pick<TTrack, "id" | "title" | "artists">): string {
  return songKeyOf({ id: track.id, title: track.title, artists: track.artists });
}
