// The library's song kinds (as @anisong/library names them), shared by the API schema and the page's picker
// without pulling zod into the browser bundle. Covers and arrangements are opt-in.
export const SONG_KINDS = ["original", "soundtrack", "cover"] as const;
export type TSongKind = (typeof SONG_KINDS)[number];
export const DEFAULT_KINDS: TSongKind[] = ["original", "soundtrack"];

/**
 * A pick's kind as its tag in the results' Anime column. Most catalog picks have no anime title, so the tag stands
 * alone in that column: "original" read like the anime's name; "original song" does not.
 */
const KIND_TAGS: Record<TSongKind, string> = { original: "original song", soundtrack: "soundtrack", cover: "cover" };

export function kindTag(kind: string): string {
  return (KIND_TAGS as Record<string, string | undefined>)[kind] ?? kind;
}
