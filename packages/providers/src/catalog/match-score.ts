// How well a typed title or artist matches a stored one, in [0, 1]. Pure; runs on the few hundred candidates
// the gram index proposes, so it can afford edit distances.
// fastest-levenshtein: Myers' bit-parallel Levenshtein, the fastest maintained JS implementation. It counts a
// swapped pair ("Thirller") as 2 edits, so when Levenshtein says 2–4 we recount with optimal string alignment
// (transposition = 1 edit). OSA is hand-written below: the npm Damerau packages allocate a full matrix per call,
// ship no types, or cut off early with wrong counts.
import { distance } from "fastest-levenshtein";

const CLOSE_WORD = 0.6;

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions, three rolling rows. */
export function osaDistance(a: string, b: string): number {
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let twoBack = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, twoBack[j - 2]! + 1);
      cur[j] = d;
    }
    [twoBack, prev, cur] = [prev, cur, twoBack];
  }
  return prev[n]!;
}

/** Edit distance with transpositions counted once: Myers first, OSA only where a swap can matter. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d >= 2 && d <= 4 ? Math.min(d, osaDistance(a, b)) : d;
}

/**
 * 1 − distance / longer length. Below `floor` the exact value does not matter to the caller, so the transposition
 * recount is skipped when even the best case it could reach (half the Levenshtein distance) stays below it.
 */
function ratio(a: string, b: string, floor = 0): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const d = distance(a, b);
  if (d < 2 || d > 4 || 1 - Math.ceil(d / 2) / longest < floor) return 1 - d / longest;
  return 1 - Math.min(d, osaDistance(a, b)) / longest;
}

/** A string's parts, computed once and reused against every candidate. */
export type TPrepared = { text: string; sorted: string; words: string[] };

export function prepare(text: string): TPrepared {
  const words = text.split(" ").filter(Boolean).sort();
  return { text, sorted: words.join(" "), words };
}

/** Share of `from`'s characters covered by words of `to` (exact words first, else each word's best edit ratio). */
function coverage(from: TPrepared, to: TPrepared): number {
  let total = 0;
  let covered = 0;
  for (const word of from.words) {
    total += word.length;
    if (to.words.includes(word)) {
      covered += word.length;
      continue;
    }
    // "like" vs "love" (0.5) is not a near-miss of the same word: only close words count.
    let best = CLOSE_WORD;
    let found = false;
    for (const other of to.words) {
      // A ratio can't beat shorter/longer length: skip pairs that can't beat the best so far.
      if (Math.min(word.length, other.length) / Math.max(word.length, other.length) < best) continue;
      const r = ratio(word, other, best);
      if (r >= best) {
        best = r;
        found = true;
      }
    }
    if (found) covered += best * word.length;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * Similarity of two normalised strings: the best of the whole-string edit ratio, the same with words sorted
 * (word order), and a symmetric word-set coverage (a word missing on either side costs its share).
 */
export function preparedSimilarity(q: TPrepared, t: TPrepared): number {
  if (q.text.length === 0 || t.text.length === 0) return 0;
  if (q.text === t.text) return 1;
  if (q.sorted === t.sorted) return 0.99;
  const best = Math.max(ratio(q.text, t.text), ratio(q.sorted, t.sorted));
  if (q.words.length < 2 && t.words.length < 2) return best;
  return Math.max(best, ((coverage(q, t) + coverage(t, q)) / 2) * 0.98);
}

export function textSimilarity(query: string, target: string): number {
  return preparedSimilarity(prepare(query), prepare(target));
}

/** Title similarity against both the full title and its core (no "(feat. …)", " - Remastered" …). */
export function titleSimilarity(query: TPrepared | string, fullTitle: string, coreTitle: string): number {
  const q = typeof query === "string" ? prepare(query) : query;
  const full = preparedSimilarity(q, prepare(fullTitle));
  return full === 1 || coreTitle === fullTitle ? full : Math.max(full, preparedSimilarity(q, prepare(coreTitle)));
}

/** A credited name that contains every word typed ("TK" → "TK from Ling tosite sigure") is a near match. */
const CONTAINED_ARTIST = 0.9;

/** Artist similarity: the best single credited artist, or all of them together ("Dua Lipa DaBaby"). */
export function artistSimilarity(query: TPrepared | string, artists: string[], joined: string): number {
  const q = typeof query === "string" ? prepare(query) : query;
  let best = 0;
  for (const artist of artists) {
    const a = prepare(artist);
    best = Math.max(best, preparedSimilarity(q, a));
    if (best < CONTAINED_ARTIST && a.words.length > q.words.length && q.words.every((w) => a.words.includes(w))) best = CONTAINED_ARTIST;
    if (best === 1) return 1;
  }
  if (artists.length > 1) best = Math.max(best, preparedSimilarity(q, prepare(joined)));
  return best;
}
