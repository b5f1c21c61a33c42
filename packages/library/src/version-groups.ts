// Versions of one song share a key; one canonical entry per key, the rest point at it. A merged entry answers
// to the key of each of its titles, so the seed's 紅蓮の弓矢 and the dataset's "Guren no Yumiya" meet.
import type { TLibrarySong } from "./library-song";
import { createUnionFind, groupsOf } from "./union-find";

/** Canonical entry of a song key: a full cut over a TV-size/short/remaster one, then the seed's, then an original. */
function canonicalRank(s: TLibrarySong): number[] {
  return [s.versionCut === null ? 0 : 1, s.provenance.includes("seed") ? 0 : 1, s.kind === "original" ? 0 : 1, -(s.durationMs ?? 0)];
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Sets songKey, isVersion and versionOf on every song; titleKeys[i] are the song keys of song i's titles. */
export function markVersions(songs: TLibrarySong[], titleKeys: readonly Set<string>[]): void {
  const union = createUnionFind(songs.length);
  const firstByKey = new Map<string, number>();
  songs.forEach((_, i) => {
    for (const key of titleKeys[i]!) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else union.union(i, first);
    }
  });
  for (const group of groupsOf(songs, union.find)) {
    if (group.length < 2) continue;
    const canonical = [...group].sort((a, b) => compareRank(canonicalRank(a), canonicalRank(b)) || a.id.localeCompare(b.id))[0]!;
    for (const s of group) {
      s.songKey = canonical.songKey;
      if (s === canonical) continue;
      s.isVersion = true;
      s.versionOf = canonical.id;
    }
  }
}
