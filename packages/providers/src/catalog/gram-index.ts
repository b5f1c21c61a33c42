// Inverted index from grams to documents in CSR form (one offsets array, one postings array): ~2.5M postings for
// the public catalog fit in ~10 MB and build in one pass without per-gram arrays.

/** The index as plain arrays: grams in id order, CSR offsets and postings. */
export type TGramIndexSnapshot = { grams: string[]; offsets: Int32Array; postings: Int32Array };

export class GramIndex {
  private constructor(
    private readonly gramIds: Map<string, number>,
    private readonly offsets: Int32Array,
    private readonly postings: Int32Array,
  ) {}

  /** `gramsOf(doc)` returns the doc's distinct grams (or [] to leave it out). */
  static build(docCount: number, gramsOf: (doc: number) => string[]): GramIndex {
    const gramIds = new Map<string, number>();
    let pairGram: Int32Array<ArrayBuffer> = new Int32Array(1 << 20);
    let pairDoc: Int32Array<ArrayBuffer> = new Int32Array(1 << 20);
    let pairs = 0;
    for (let doc = 0; doc < docCount; doc++) {
      for (const gram of gramsOf(doc)) {
        let id = gramIds.get(gram);
        if (id === undefined) {
          id = gramIds.size;
          gramIds.set(gram, id);
        }
        if (pairs === pairGram.length) {
          pairGram = grow(pairGram);
          pairDoc = grow(pairDoc);
        }
        pairGram[pairs] = id;
        pairDoc[pairs] = doc;
        pairs++;
      }
    }
    const offsets = new Int32Array(gramIds.size + 1);
    for (let i = 0; i < pairs; i++) offsets[pairGram[i]! + 1]!++;
    for (let g = 0; g < gramIds.size; g++) offsets[g + 1]! += offsets[g]!;
    const cursor = offsets.slice(0, gramIds.size);
    const postings = new Int32Array(pairs);
    // Docs were visited in order, so every posting list comes out sorted.
    for (let i = 0; i < pairs; i++) postings[cursor[pairGram[i]!]!++] = pairDoc[i]!;
    return new GramIndex(gramIds, offsets, postings);
  }

  static fromSnapshot(snapshot: TGramIndexSnapshot): GramIndex {
    const gramIds = new Map<string, number>();
    snapshot.grams.forEach((gram, id) => gramIds.set(gram, id));
    return new GramIndex(gramIds, snapshot.offsets, snapshot.postings);
  }

  toSnapshot(): TGramIndexSnapshot {
    return { grams: [...this.gramIds.keys()], offsets: this.offsets, postings: this.postings };
  }

  get postingCount(): number {
    return this.postings.length;
  }

  /** The posting list (sorted doc numbers) of each query gram present in the index. */
  postingLists(grams: string[]): Int32Array[] {
    const lists: Int32Array[] = [];
    for (const gram of grams) {
      const id = this.gramIds.get(gram);
      if (id !== undefined) lists.push(this.postings.subarray(this.offsets[id]!, this.offsets[id + 1]!));
    }
    return lists;
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
