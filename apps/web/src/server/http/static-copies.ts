// What the build compresses ahead (scripts/build/precompress-static.ts) and the server sends as it is
// (precompressed-static.ts): the text types the browser fetches from `/_next/static`, and each copy's suffix.
import path from "node:path";

/** Fonts and images are compressed already. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=UTF-8",
};

export const ENCODED_SUFFIXES = { br: ".br", gzip: ".gz" } as const;
export type TStaticEncoding = keyof typeof ENCODED_SUFFIXES;

/** Below this a copy saves less than a packet, and Next's own answer is as good. */
export const MIN_COMPRESSED_BYTES = 1024;

export function isCompressible(file: string): boolean {
  return Object.hasOwn(CONTENT_TYPES, path.extname(file));
}
