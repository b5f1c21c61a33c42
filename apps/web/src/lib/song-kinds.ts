// The library's song kinds (as @anisong/library names them), shared by the API schema and the page's picker
// without pulling zod into the browser bundle. Covers and arrangements are opt-in.
export const SONG_KINDS = ["original", "soundtrack", "cover"] as const;
export type TSongKind = (typeof SONG_KINDS)[number];
export const DEFAULT_KINDS: TSongKind[] = ["original", "soundtrack"];
