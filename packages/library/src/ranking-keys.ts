// The keys core-ml's recommend() ranks with, for songs as the apps load them: songKey joins versions of one song
// (songKeyOf: folded title + lead artist) and recordings of one master (same features and duration, even when
// the entries lack artists or spell the title differently); artistKey is the lead artist (absent when unknown).
// When the DB carries a songKey column, a caller passes it as `songKey` and only the recording merge remains.
import type { TAudioFeatures } from "@anisong/core-ml";
import { RecordingIndex } from "./recording-index";
import { leadArtist, songKeyOf } from "./song-identity";
import { createUnionFind } from "./union-find";

export type TKeyedInput = {
  trackId: string;
  title: string;
  artists: readonly string[];
  features: TAudioFeatures;
  durationMs: number | null;
  /** A precomputed song key (e.g. the library's); when absent it is computed from title and artists. */
  songKey?: string;
};

export type TRankingKeys = { songKey: string; artistKey?: string };

/** One key pair per input, in order. O(n) expected: one map lookup per song for titles, one per recording bucket. */
export function rankingKeysOf(songs: readonly TKeyedInput[]): TRankingKeys[] {
  const own = songs.map((s) => s.songKey ?? songKeyOf({ id: s.trackId, title: s.title, artists: s.artists }));
  const uf = createUnionFind(songs.length);
  const firstOfKey = new Map<string, number>();
  const recordings = new RecordingIndex<{ features: TAudioFeatures; durationMs: number | null; i: number }>();
  songs.forEach((s, i) => {
    const same = firstOfKey.get(own[i]!);
    if (same === undefined) firstOfKey.set(own[i]!, i);
    else uf.union(i, same);
    const recording = recordings.find(s);
    if (recording) uf.union(i, recording.i);
    else recordings.add({ features: s.features, durationMs: s.durationMs, i });
  });
  // The group's key is its earliest member's, so a song alone keeps its own readable key.
  const keyOfRoot = new Map<number, string>();
  return songs.map((s, i) => {
    const root = uf.find(i);
    let songKey = keyOfRoot.get(root);
    if (songKey === undefined) keyOfRoot.set(root, (songKey = own[i]!));
    const artistKey = leadArtist(s.artists) ?? undefined;
    return artistKey === undefined ? { songKey } : { songKey, artistKey };
  });
}
