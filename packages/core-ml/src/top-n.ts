// Top-N selection by similarity without sorting everything: a small sorted buffer, stable for ties.
import { cosineSimilarity } from "./cosine";

export interface TScoredIndex {
  index: number;
  score: number;
}

/**
 * Keeps the n best (score, index) pairs seen so far, best first; ties keep the lower index first.
 * Feed indices in ascending order for the tie rule to hold with O(1) rejection.
 */
export class TopN {
  readonly scores: Float64Array;
  readonly indices: Int32Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(Math.max(0, capacity));
    this.indices = new Int32Array(Math.max(0, capacity));
  }

  /** Lowest score that would still enter (−Infinity while not full). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[this.size - 1]!;
  }

  push(index: number, score: number): void {
    const cap = this.capacity;
    if (cap <= 0 || Number.isNaN(score)) return;
    if (this.size === cap && !(score > this.scores[cap - 1]! || (score === this.scores[cap - 1]! && index < this.indices[cap - 1]!))) {
      return;
    }
    let pos = this.size < cap ? this.size++ : cap - 1;
    while (pos > 0) {
      const s = this.scores[pos - 1]!;
      if (s > score || (s === score && this.indices[pos - 1]! < index)) break;
      this.scores[pos] = s;
      this.indices[pos] = this.indices[pos - 1]!;
      pos--;
    }
    this.scores[pos] = score;
    this.indices[pos] = index;
  }

  toArray(): TScoredIndex[] {
    const out: TScoredIndex[] = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.indices[i]!, score: this.scores[i]! });
    return out;
  }
}

export interface TTopNOptions {
  /** Candidate indices to leave out (e.g. the query song itself). */
  exclude?: Iterable<number>;
}

/**
 * The n candidates most cosine-similar to the query, best first (lower index first on ties).
 * n ≤ 0 gives []; n larger than the candidates gives all of them. Candidates with an undefined (NaN) score are skipped.
 */
export function topNSimilar(query: ArrayLike<number>, candidates: ArrayLike<number>[], n: number, opts: TTopNOptions = {}): TScoredIndex[] {
  if (!(n > 0)) return [];
  const excluded = new Set(opts.exclude ?? []);
  const top = new TopN(Math.min(Math.floor(n), candidates.length));
  for (let i = 0; i < candidates.length; i++) {
    if (excluded.has(i)) continue;
    top.push(i, cosineSimilarity(query, candidates[i]!));
  }
  return top.toArray();
}
