// Distinct strings and distinct string lists of the catalog cache: each stored once, referred to by number.
// Decoding creates one JS string per distinct string and one array per distinct list, so equal values come out
// shared (what Catalog's interner does for a freshly built catalog).
import type { TSections } from "./catalog-cache-layout";

type TPoolSections = Pick<TSections, "stringOffsets" | "stringBytes" | "listOffsets" | "listItems">;

export class StringPools {
  private readonly stringIds = new Map<string, number>();
  private readonly listIds = new Map<string, number>();
  private readonly listRuns: number[][] = [];

  string(value: string): number {
    let id = this.stringIds.get(value);
    if (id === undefined) {
      id = this.stringIds.size;
      this.stringIds.set(value, id);
    }
    return id;
  }

  list(values: string[]): number {
    const run = values.map((v) => this.string(v));
    const key = run.join(",");
    let id = this.listIds.get(key);
    if (id === undefined) {
      id = this.listRuns.length;
      this.listIds.set(key, id);
      this.listRuns.push(run);
    }
    return id;
  }

  encode(): TPoolSections {
    const encoded = [...this.stringIds.keys()].map((s) => Buffer.from(s, "utf8"));
    const stringOffsets = new Int32Array(encoded.length + 1);
    encoded.forEach((b, i) => (stringOffsets[i + 1] = stringOffsets[i]! + b.length));
    const stringBytes = new Uint8Array(Buffer.concat(encoded));
    const listOffsets = new Int32Array(this.listRuns.length + 1);
    this.listRuns.forEach((run, i) => (listOffsets[i + 1] = listOffsets[i]! + run.length));
    const listItems = Int32Array.from(this.listRuns.flat());
    return { stringOffsets, stringBytes, listOffsets, listItems };
  }

  /** The decoded pools, or null when an offset or number is out of range (a corrupt file). */
  static decode(s: TPoolSections): DecodedPools | null {
    const { stringOffsets: so, stringBytes, listOffsets: lo, listItems } = s;
    if (so.length === 0 || so[0] !== 0 || so.at(-1) !== stringBytes.length) return null;
    if (lo.length === 0 || lo[0] !== 0 || lo.at(-1) !== listItems.length) return null;
    const bytes = Buffer.from(stringBytes.buffer, stringBytes.byteOffset, stringBytes.byteLength);
    const strings = new Array<string>(so.length - 1);
    for (let i = 0; i < strings.length; i++) {
      if (so[i + 1]! < so[i]!) return null;
      strings[i] = bytes.toString("utf8", so[i]!, so[i + 1]!);
    }
    const lists = new Array<string[]>(lo.length - 1);
    for (let i = 0; i < lists.length; i++) {
      const from = lo[i]!;
      const to = lo[i + 1]!;
      if (to < from) return null;
      const list = new Array<string>(to - from);
      for (let j = from; j < to; j++) {
        const id = listItems[j]!;
        if (!(id >= 0 && id < strings.length)) return null;
        list[j - from] = strings[id]!;
      }
      lists[i] = list;
    }
    return new DecodedPools(strings, lists);
  }
}

export class DecodedPools {
  constructor(
    private readonly pool: string[],
    private readonly listPool: string[][],
  ) {}

  strings(column: Int32Array): string[] | null {
    return pick(this.pool, column);
  }

  lists(column: Int32Array): string[][] | null {
    return pick(this.listPool, column);
  }
}

function pick<T>(pool: T[], column: Int32Array): T[] | null {
  const out = new Array<T>(column.length);
  for (let i = 0; i < column.length; i++) {
    const id = column[i]!;
    if (!(id >= 0 && id < pool.length)) return null;
    out[i] = pool[id]!;
  }
  return out;
}
