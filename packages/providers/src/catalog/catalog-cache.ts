// A compact derived cache of the built catalog (parsed rows, normalised strings, gram indexes), so later loads
// skip CSV parsing and indexing (~3 s → ~0.3 s on the public dataset). It is keyed by the source file's SHA-256,
// a format version and a fingerprint of the normaliser's output, so a changed file or changed normalisation
// never reads a stale cache. Any unreadable or mismatching cache is ignored and rebuilt.
//
// Layout: magic, a small JSON header (key, counts, rejected rows, section lengths), then 8-byte aligned typed
// sections. Every distinct string is stored once (UTF-8 bytes + offsets) and every distinct string list once (runs
// of string numbers); the per-track columns and the gram lists are numbers into those pools. Reading decodes each
// distinct string once, straight from the bytes into the strings the catalog keeps: no JSON text of the whole
// catalog, no parsed copies and no interning pass, which made loading peak ~150 MB above what it keeps.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { coreTitle, grams, normalizeText } from "../text/normalize";
import type { TCatalogSnapshot } from "./catalog";
import { FEATURE_COUNT } from "./catalog-data";
import { readSections, SECTION_KINDS, STRING_COLUMNS, LIST_COLUMNS, type TSections } from "./catalog-cache-layout";
import { StringPools } from "./string-pools";

const MAGIC = Buffer.from("ANISONGC");
/** Bump when the snapshot layout or Catalog.build changes in a way the fingerprint would not notice. */
const FORMAT_VERSION = 2;

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

const ZCacheHeader = z.object({
  key: z.string(),
  trackCount: z.number().int().nonnegative(),
  rowCount: z.number().int().nonnegative(),
  rejected: z.array(z.object({ row: z.number(), reason: z.string() })),
  sections: z.array(z.number().int().nonnegative()).length(SECTION_KINDS.length),
});

function pad8(n: number): number {
  return (8 - (n % 8)) % 8;
}

export async function writeCatalogCache(file: string, key: string, s: TCatalogSnapshot): Promise<void> {
  const pools = new StringPools();
  const d = s.data;
  const column = (values: string[]) => Int32Array.from(values, (v) => pools.string(v));
  const listColumn = (lists: string[][]) => Int32Array.from(lists, (l) => pools.list(l));
  const strings: Record<(typeof STRING_COLUMNS)[number], Int32Array> = {
    ids: column(d.ids),
    titles: column(d.titles),
    albums: column(d.albums),
    normTitles: column(s.normTitles),
    coreTitles: column(s.coreTitles),
    titleGrams: column(s.titleIndex.grams),
    artistGrams: column(s.artistIndex.grams),
  };
  const lists: Record<(typeof LIST_COLUMNS)[number], Int32Array> = {
    artists: listColumn(d.artists),
    genres: listColumn(d.genres),
    normArtists: listColumn(s.normArtists),
  };
  const pooled = pools.encode();
  const sections: { [N in keyof TSections]: Uint8Array | Int32Array | Float64Array } = {
    popularity: d.popularity,
    features: d.features,
    titleOffsets: s.titleIndex.offsets,
    titlePostings: s.titleIndex.postings,
    artistOffsets: s.artistIndex.offsets,
    artistPostings: s.artistIndex.postings,
    ...pooled,
    ...strings,
    ...lists,
  };
  const ordered = SECTION_KINDS.map(([name]) => sections[name]);
  const header = Buffer.from(
    JSON.stringify({
      key,
      trackCount: d.ids.length,
      rowCount: d.rowCount,
      rejected: d.rejected,
      sections: ordered.map((a) => a.length),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const parts: Buffer[] = [MAGIC, length, header, Buffer.alloc(pad8(MAGIC.length + 4 + header.length))];
  for (const section of ordered) {
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
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
  } catch {
    return null;
  }
  try {
    const size = (await handle.stat()).size;
    const start = Buffer.alloc(12);
    if (size < 12 || (await handle.read(start, 0, 12, 0)).bytesRead !== 12 || !start.subarray(0, 8).equals(MAGIC)) return null;
    const headerLength = start.readUInt32LE(8);
    if (12 + headerLength > size) return null;
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, 12);
    const parsed = ZCacheHeader.safeParse(JSON.parse(headerBytes.toString("utf8")));
    if (!parsed.success || parsed.data.key !== key) return null;
    const h = parsed.data;
    const first = 12 + headerLength + pad8(12 + headerLength);
    const sections = await readSections(handle, first, size, h.sections);
    if (!sections) return null;
    return decodeSnapshot(sections, h.trackCount, h.rowCount, h.rejected);
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

function decodeSnapshot(s: TSections, n: number, rowCount: number, rejected: { row: number; reason: string }[]): TCatalogSnapshot | null {
  if (s.popularity.length !== n || s.features.length !== n * FEATURE_COUNT) return null;
  if (STRING_COLUMNS.some((c) => c !== "titleGrams" && c !== "artistGrams" && s[c].length !== n)) return null;
  if (LIST_COLUMNS.some((c) => s[c].length !== n)) return null;
  if (s.titleOffsets.length !== s.titleGrams.length + 1 || s.artistOffsets.length !== s.artistGrams.length + 1) return null;
  if (s.titleOffsets.at(-1) !== s.titlePostings.length || s.artistOffsets.at(-1) !== s.artistPostings.length) return null;
  const pools = StringPools.decode(s);
  if (!pools) return null;
  const strings = (c: (typeof STRING_COLUMNS)[number]) => pools.strings(s[c]);
  const lists = (c: (typeof LIST_COLUMNS)[number]) => pools.lists(s[c]);
  const columns = {
    ids: strings("ids"),
    titles: strings("titles"),
    albums: strings("albums"),
    normTitles: strings("normTitles"),
    coreTitles: strings("coreTitles"),
    titleGrams: strings("titleGrams"),
    artistGrams: strings("artistGrams"),
    artists: lists("artists"),
    genres: lists("genres"),
    normArtists: lists("normArtists"),
  };
  if (Object.values(columns).some((c) => c === null)) return null;
  const c = columns as { [K in keyof typeof columns]: NonNullable<(typeof columns)[K]> };
  return {
    data: {
      ids: c.ids,
      titles: c.titles,
      artists: c.artists,
      albums: c.albums,
      genres: c.genres,
      popularity: s.popularity,
      features: s.features,
      rowCount,
      rejected,
    },
    normTitles: c.normTitles,
    coreTitles: c.coreTitles,
    normArtists: c.normArtists,
    titleIndex: { grams: c.titleGrams, offsets: s.titleOffsets, postings: s.titlePostings },
    artistIndex: { grams: c.artistGrams, offsets: s.artistOffsets, postings: s.artistPostings },
  };
}
