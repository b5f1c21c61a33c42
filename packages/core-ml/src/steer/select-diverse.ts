// Picks the list from the ranked candidates, one entry per song and at most maxPerArtist per artist.
// variety 0: the candidates in ranking order (exactly recommend's rule).
// variety λ > 0: maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998) — each pick maximises
//   (1 − λ) · score(x) − λ · max over already picked y of cos(x, y)
// over a pool of the best max(VARIETY_POOL_FACTOR · n, MIN_VARIETY_POOL) candidates that are still open (song not
// taken, artist not at the cap; extended by as many again only when the pool runs out) instead of the whole
// cluster. The pool (mmr-pool.ts) folds each pick into every entry's penalty and finds the next pick in the same
// pass (in WebAssembly for nine features).
import type { TLibraryCluster } from "../prepare-library";
import { KeyCounts } from "./key-counts";
import { MmrPool } from "./mmr-pool";
import { RankStream } from "./rank-stream";
import type { TCandidateVectors } from "./score-candidates";
import { MIN_VARIETY_POOL, VARIETY_POOL_FACTOR } from "./steering";
import { topRows, type TTopRows } from "./top-rows";

// Songs taken and picks per artist in the current call (ids: the cluster's songKeyIds / artistKeyIds).
const takenSongs = new KeyCounts();
const perArtist = new KeyCounts();

// Rows selected beyond MMR's first pool, for the few that are closed (another version of a seed's song).
const POOL_SLACK = 64;

export interface TSelectRules {
  n: number;
  maxPerArtist: number;
  variety: number;
  /** songKey ids that may not be recommended (the seeds' and avoided songs'). */
  takenSongKeys: ReadonlySet<number>;
  /**
   * Scaled vectors of the seeds and avoided songs. A row with exactly one of these feature vectors is the same
   * recording under another id (the catalogs list some tracks several times) and is never picked. Checked only for a
   * row about to be picked: O(topN · given · d), not a pass over the cluster.
   */
  sameAs: readonly Float64Array[];
}

/**
 * `scores`: the ranking score of every row `select` returns; `select(k)`: the best k candidates in ranking order
 * (default: topRows over `scores`, NaN = not a candidate); `vectors`: where their unit vectors are (default: the
 * cluster's own).
 */
export function selectDiverse(
  block: TLibraryCluster,
  d: number,
  scores: Float64Array,
  rules: TSelectRules,
  select: (k: number) => TTopRows = (k) => topRows(scores, k),
  vectors: TCandidateVectors = {
    units: block.units,
    slots: Int32Array.from(scores, (_, r) => r),
    songs: block.songKeyIds,
    artists: block.artistKeyIds,
  },
): number[] {
  const picked: number[] = [];
  if (rules.n <= 0) return picked;
  const poolStep = Math.max(VARIETY_POOL_FACTOR * rules.n, MIN_VARIETY_POOL);
  // The stream's order does not depend on these hints; they only size its first selection. MMR's first pool takes
  // poolStep open rows, and before the first pick only the seeds' other versions are closed: a small slack suffices.
  const stream = rules.variety === 0 ? new RankStream(select, rules.n) : new RankStream(select, poolStep, POOL_SLACK);
  takenSongs.reset();
  perArtist.reset();
  for (const song of rules.takenSongKeys) if (song >= 0) takenSongs.add(song);
  // Taken songs and full artists only grow, so a row that is not open now never will be.
  // The ids by slot (vectors): the scan's hot copy, not the cluster's arrays (a cache miss per check).
  const open = (r: number): boolean => {
    const slot = vectors.slots[r]!;
    const song = vectors.songs[slot]!;
    const artist = vectors.artists[slot]!;
    if (song >= 0 && takenSongs.get(song) > 0) return false;
    return !(artist >= 0 && perArtist.get(artist) >= rules.maxPerArtist);
  };
  const eligible = (r: number): boolean => {
    if (!open(r)) return false;
    // A loop, not sameAs.some(…): that callback was a fresh closure per check.
    for (const v of rules.sameAs) if (sameVector(block, d, r, v)) return false;
    return true;
  };
  const take = (r: number): void => {
    const slot = vectors.slots[r]!;
    const song = vectors.songs[slot]!;
    const artist = vectors.artists[slot]!;
    if (song >= 0) takenSongs.add(song);
    if (artist >= 0) perArtist.add(artist);
    picked.push(r);
  };

  if (rules.variety === 0) {
    for (let r = stream.next(); r >= 0 && picked.length < rules.n; r = stream.next()) if (eligible(r)) take(r);
    return picked;
  }

  const pool = new MmrPool(vectors, d, scores, rules.variety);
  const extend = (): boolean => {
    let added = 0;
    for (let r = stream.next(); r >= 0; r = stream.next()) {
      if (!open(r)) continue;
      pool.add(r, picked);
      if (++added >= poolStep) break;
    }
    return added > 0;
  };
  extend();
  while (picked.length < rules.n) {
    // Entries closed by a pick (the song taken, the artist at the cap) are dropped as they surface.
    const row = pool.take(picked, open);
    if (row < 0) {
      if (extend()) continue;
      break;
    }
    if (eligible(row)) take(row);
  }
  return picked;
}

/** Whether row r's scaled features equal `scaled` (to round-off: rows are stored as unit vector × norm). */
function sameVector(block: TLibraryCluster, d: number, r: number, scaled: Float64Array): boolean {
  const norm = block.norms[r]!;
  const tolerance = 1e-12 * Math.max(1, norm);
  for (let j = 0; j < d; j++) if (Math.abs(block.units[r * d + j]! * norm - scaled[j]!) > tolerance) return false;
  return true;
}
