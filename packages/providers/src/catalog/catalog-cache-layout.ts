// The typed sections of the catalog cache file, in file order, and reading them straight into their arrays.
import type { FileHandle } from "node:fs/promises";

type TKind = Uint8ArrayConstructor | Int32ArrayConstructor | Float64ArrayConstructor;

/** Per-track (and per-gram) columns of numbers into the string pool. */
export const STRING_COLUMNS = ["ids", "titles", "albums", "normTitles", "coreTitles", "titleGrams", "artistGrams"] as const;
/** Per-track columns of numbers into the list pool. */
export const LIST_COLUMNS = ["artists", "genres", "normArtists"] as const;

export const SECTION_KINDS = [
  ["popularity", Uint8Array],
  ["features", Float64Array],
  ["titleOffsets", Int32Array],
  ["titlePostings", Int32Array],
  ["artistOffsets", Int32Array],
  ["artistPostings", Int32Array],
  // The pools: UTF-8 bytes of every distinct string with their byte offsets; every distinct list as a run of
  // string numbers with the runs' offsets.
  ["stringOffsets", Int32Array],
  ["stringBytes", Uint8Array],
  ["listOffsets", Int32Array],
  ["listItems", Int32Array],
  ...STRING_COLUMNS.map((name) => [name, Int32Array] as const),
  ...LIST_COLUMNS.map((name) => [name, Int32Array] as const),
] as const satisfies readonly (readonly [string, TKind])[];

export type TSections = {
  popularity: Uint8Array<ArrayBuffer>;
  features: Float64Array<ArrayBuffer>;
  stringBytes: Uint8Array<ArrayBuffer>;
} & { [N in Exclude<(typeof SECTION_KINDS)[number][0], "popularity" | "features" | "stringBytes">]: Int32Array<ArrayBuffer> };

function pad8(n: number): number {
  return (8 - (n % 8)) % 8;
}

/**
 * Reads each section into an array of its own (no buffer of the whole file): `lengths` are element counts from the
 * header, `first` the aligned offset of the first section. Null when the lengths do not add up to the file's size.
 */
export async function readSections(handle: FileHandle, first: number, size: number, lengths: number[]): Promise<TSections | null> {
  let end = first;
  SECTION_KINDS.forEach(([, Kind], i) => {
    const bytes = lengths[i]! * Kind.BYTES_PER_ELEMENT;
    end += bytes + pad8(bytes);
  });
  if (end !== size) return null;
  const out: Record<string, Uint8Array | Int32Array | Float64Array> = {};
  let offset = first;
  for (const [i, [name, Kind]] of SECTION_KINDS.entries()) {
    const array = new Kind(lengths[i]!);
    const bytes = array.byteLength;
    if (bytes > 0) {
      const view = new Uint8Array(array.buffer, 0, bytes);
      const { bytesRead } = await handle.read(view, 0, bytes, offset);
      if (bytesRead !== bytes) return null;
    }
    out[name] = array;
    offset += bytes + pad8(bytes);
  }
  return out as TSections;
}
