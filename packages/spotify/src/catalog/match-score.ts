// How well a typed title or artist matches a stored one, in [0, 1]. Pure; runs on the few hundred candidates
// the gram index proposes, so it can afford edit distances.
// fastest-levenshtein: Myers' bit-parallel Levenshtein, the fastest maintained JS implementation. It counts a
// swapped pair ("Thirller") as 2 edits, so when Levenshtein says 2–4 we recount with optimal string alignment
// (transposition = 1 edit). OSA is hand-written below: the npm Damerau packages allocate a full matrix per call,
// ship no types, or cut off early with wrong counts.
import { distance } from "fastest-levenshtein";
import { sortedTokens } from "../text/normalize";

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

function ratio(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  return 1 - editDistance(a, b) / longest;
}

/** Share of `from`'s characters covered by words of `to` (exact words first, else each word's best edit ratio). */
function coverage(from: string[], to: string[], toSet: Set<string>): number {
  let total = 0;
  let covered = 0;
  for (const word of from) {
    total += word.length;
    if (toSet.has(word)) {
      covered += word.length;
      continue;
    }
    let best = 0;
    for (const other of to) {
      // A ratio can't beat min/max length; skip pairs that can't improve on the best so far.
      if (Math.min(word.length, other.length) / Math.max(word.length, other.length) <= best) continue;
      best = Math.max(best, ratio(word, other));
    }
    // "like" vs "love" (0.5) is not a near-miss of the same word: only close words count.
    if (best >= CLOSE_WORD) covered += best * word.length;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * Similarity of two normalised strings: the best of the whole-string edit ratio, the same with words sorted
 * (word order), and a symmetric word-set coverage (a word missing on either side costs its share).
 */
export function textSimilarity(query: string, target: string): number {
  if (query.length === 0 || target.length === 0) return 0;
  if (query === target) return 1;
  const whole = ratio(query, target);
  const sortedQuery = sortedTokens(query);
  const sortedTarget = sortedTokens(target);
  if (sortedQuery === sortedTarget) return 0.99;
  const sorted = ratio(sortedQuery, sortedTarget);
  const q = sortedQuery.split(" ");
  const t = sortedTarget.split(" ");
  const wordSet = q.length > 1 || t.length > 1 ? (coverage(q, t, new Set(t)) + coverage(t, q, new Set(q))) / 2 : 0;
  return Math.max(whole, sorted, wordSet * 0.98);
}

/** Title similarity against both the full title and its core (no "(feat. …)", " - Remastered" …). */
export function titleSimilarity(query: string, fullTitle: string, coreTitle: string): number {
  return Math.max(textSimilarity(query, fullTitle), coreTitle === fullTitle ? 0 : textSimilarity(query, coreTitle));
}

/** A credited name that contains every word typed ("TK" → "TK from Ling tosite sigure") is a near match. */
const CONTAINED_ARTIST = 0.9;

/** Artist similarity: the best single credited artist, or all of them together ("Dua Lipa DaBaby"). */
export function artistSimilarity(query: string, artists: string[], joined: string): number {
  let best = 0;
  const queryWords = query.split(" ");
  for (const artist of artists) {
    best = Math.max(best, textSimilarity(query, artist));
    if (best < CONTAINED_ARTIST) {
      const words = new Set(artist.split(" "));
      if (words.size > queryWords.length && queryWords.every((w) => words.has(w))) best = CONTAINED_ARTIST;
    }
  }
  if (artists.length > 1) best = Math.max(best, textSimilarity(query, joined));
  return best;
}
