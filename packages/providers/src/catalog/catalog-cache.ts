// A compact derived cache of the built catalog (parsed rows, normalised strings, gram indexes), so later loads
// skip CSV parsing and indexing (~3 s → ~0.3 s on the public dataset). It is keyed by the source file's SHA-256,
// a format version and a fingerprint of the normaliser's output, so a changed file or changed normalisation
// never reads a stale cache. Any unreadable or mismatching cache is ignored and rebuilt.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { coreTitle, grams, normalizeText } from "../text/normalize";
import type { TCatalogSnapshot } from "./catalog";
import { FEATURE_COUNT } from "./catalog-data";

const MAGIC = Buffer.from("ANISONGC");
/** Bump when the snapshot layout or Catalog.build changes in a way the fingerprint would not notice. */
const FORMAT_VERSION = 1;

/** Normaliser output on tricky inputs: any behaviour change there changes every cache key. */
function normalizerFingerprint(): string {
  const probes = [
    "Ｌｅｖｉｔａｔｉｎｇ (feat. DaBaby)",
    "ｼﾙｴｯﾄ",
    "がぱ ガパ",
    "Beyoncé – Halo [Live]",
    "紅蓮華（TV ver.）",
    "Don't Stop - Remastered 2011",
    "사랑 Ñ ß",
  ];
  return JSON.stringify(probes.map((p) => [normalizeText(p), coreTitle(p), grams(normalizeText(p))]));
}

export function catalogCacheKey(source: Buffer): string {
  return crypto
    .createHash("sha256")
    .update(source)
    .update(`\u0000v${FORMAT_VERSION}\u0000${normalizerFingerprint()}`)
    .digest("hex")
    .slice(0, 32);
}

export function catalogCachePath(cacheDir: string, sourcePath: string, key: string): string {
  return path.join(cacheDir, `${path.basename(sourcePath).replace(/[^\w.-]/g, "_")}.${key}.bin`);
}

const ZStrings = z.array(z.string());
const ZCacheHeader = z
  .object({
    key: z.string(),
    trackCount: z.number().int().nonnegative(),
    rowCount: z.number().int().nonnegative(),
    rejected: z.array(z.object({ row: z.number(), reason: z.string() })),
    ids: ZStrings,
    titles: ZStrings,
    artists: z.array(ZStrings),
    albums: ZStrings,
    genres: z.array(ZStrings),
    normTitles: ZStrings,
    coreTitles: ZStrings,
    normArtists: z.array(ZStrings),
    titleGrams: ZStrings,
    artistGrams: ZStrings,
    sections: z.array(z.number().int().nonnegative()).length(6),
  })
  .refine(
    (h) =>
      [h.ids, h.titles, h.artists, h.albums, h.genres, h.normTitles, h.coreTitles, h.normArtists].every((a) => a.length === h.trackCount),
    "per-track arrays differ in length",
  );

type TSection = Uint8Array | Float64Array | Int32Array;

function pad8(n: number): number {
  return (8 - (n % 8)) % 8;
}

export async function writeCatalogCache(file: string, key: string, s: TCatalogSnapshot): Promise<void> {
  const sections: TSection[] = [
    s.data.popularity,
    s.data.features,
    s.titleIndex.offsets,
    s.titleIndex.postings,
    s.artistIndex.offsets,
    s.artistIndex.postings,
  ];
  const header = Buffer.from(
    JSON.stringify({
      key,
      trackCount: s.data.ids.length,
      rowCount: s.data.rowCount,
      rejected: s.data.rejected,
      ids: s.data.ids,
      titles: s.data.titles,
      artists: s.data.artists,
      albums: s.data.albums,
      genres: s.data.genres,
      normTitles: s.normTitles,
      coreTitles: s.coreTitles,
      normArtists: s.normArtists,
      titleGrams: s.titleIndex.grams,
      artistGrams: s.artistIndex.grams,
      sections: sections.map((a) => a.length),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const parts: Buffer[] = [MAGIC, length, header, Buffer.alloc(pad8(MAGIC.length + 4 + header.length))];
  for (const section of sections) {
    const bytes = Buffer.from(section.buffer, section.byteOffset, section.byteLength);
    parts.push(bytes, Buffer.alloc(pad8(bytes.length)));
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, Buffer.concat(parts));
  await fs.rename(temp, file);
}

/** The snapshot, or null when there is no usable cache for this key. */
export async function readCatalogCache(file: string, key: string): Promise<TCatalogSnapshot | null> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch {
    return null;
  }
  try {
    if (buf.length < 12 || !buf.subarray(0, 8).equals(MAGIC)) return null;
    const headerLength = buf.readUInt32LE(8);
    const parsed = ZCacheHeader.safeParse(JSON.parse(buf.toString("utf8", 12, 12 + headerLength)));
    if (!parsed.success || parsed.data.key !== key) return null;
    const h = parsed.data;
    let offset = 12 + headerLength;
    offset += pad8(offset);
    const kinds = [Uint8Array, Float64Array, Int32Array, Int32Array, Int32Array, Int32Array] as const;
    const sections = h.sections.map((count, i) => {
      const Kind = kinds[i]!;
      const bytes = count * Kind.BYTES_PER_ELEMENT;
      if (offset + bytes > buf.length) throw new Error("truncated");
      // Copy into an aligned buffer of its own (a Buffer's offset need not be a multiple of 8).
      const aligned = new ArrayBuffer(bytes);
      new Uint8Array(aligned).set(buf.subarray(offset, offset + bytes));
      const array = new Kind(aligned);
      offset += bytes + pad8(bytes);
      return array;
    });
    const [popularity, features, titleOffsets, titlePostings, artistOffsets, artistPostings] = sections as [
      Uint8Array,
      Float64Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    if (popularity.length !== h.trackCount || features.length !== h.trackCount * FEATURE_COUNT) return null;
    if (titleOffsets.length !== h.titleGrams.length + 1 || artistOffsets.length !== h.artistGrams.length + 1) return null;
    if (titleOffsets.at(-1) !== titlePostings.length || artistOffsets.at(-1) !== artistPostings.length) return null;
    return {
      data: {
        ids: h.ids,
        titles: h.titles,
        artists: h.artists,
        albums: h.albums,
        genres: h.genres,
        popularity,
        features,
        rowCount: h.rowCount,
        rejected: h.rejected,
      },
      normTitles: h.normTitles,
      coreTitles: h.coreTitles,
      normArtists: h.normArtists,
      titleIndex: { grams: h.titleGrams, offsets: titleOffsets, postings: titlePostings },
      artistIndex: { grams: h.artistGrams, offsets: artistOffsets, postings: artistPostings },
    };
  } catch {
    return null;
  }
}
