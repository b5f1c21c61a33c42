// Picks the list from the ranked candidates, one entry per song and at most maxPerArtist per artist.
// variety 0: the candidates in ranking order (exactly recommend's rule).
// variety λ > 0: maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998) — each pick maximises
//   (1 − λ) · score(x) − λ · max over already picked y of cos(x, y)
// over a pool of the best max(VARIETY_POOL_FACTOR · n, MIN_VARIETY_POOL) candidates that are still open (song not
// taken, artist not at the cap; extended by as many again only when the pool runs out), so a pick costs O(pool · d)
// instead of a pass over the whole cluster.
import type { TLibraryCluster } from "../prepare-library";
import { RankStream } from "./rank-stream";
import { MIN_VARIETY_POOL, VARIETY_POOL_FACTOR } from "./steering";

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

export function selectDiverse(block: TLibraryCluster, d: number, scores: Float64Array, rules: TSelectRules): number[] {
  const poolStep = Math.max(VARIETY_POOL_FACTOR * rules.n, MIN_VARIETY_POOL);
  const stream = new RankStream(scores, rules.variety === 0 ? rules.n : poolStep / 2); // selects 2 × wanted
  const takenSongs = new Set(rules.takenSongKeys);
  const perArtist = new Map<number, number>();
  // Taken songs and full artists only grow, so a row that is not open now never will be.
  const open = (r: number): boolean => {
    const song = block.songKeyIds[r]!;
    const artist = block.artistKeyIds[r]!;
    if (song >= 0 && takenSongs.has(song)) return false;
    return !(artist >= 0 && (perArtist.get(artist) ?? 0) >= rules.maxPerArtist);
  };
  const eligible = (r: number): boolean => open(r) && !rules.sameAs.some((v) => sameVector(block, d, r, v));
  const take = (r: number): void => {
    const song = block.songKeyIds[r]!;
    const artist = block.artistKeyIds[r]!;
    if (song >= 0) takenSongs.add(song);
    if (artist >= 0) perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
  };
  const picked: number[] = [];
  if (rules.n <= 0) return picked;

  if (rules.variety === 0) {
    for (let r = stream.next(); r >= 0 && picked.length < rules.n; r = stream.next()) {
      if (!eligible(r)) continue;
      take(r);
      picked.push(r);
    }
    return picked;
  }

  const lambda = rules.variety;
  const pool: number[] = [];
  // Highest cosine of each pool entry to the songs picked so far (−Infinity before the first pick).
  const maxSim: number[] = [];
  const used: boolean[] = [];
  const units = block.units;
  const extend = (): boolean => {
    const start = pool.length;
    for (let r = stream.next(); r >= 0; r = stream.next()) {
      if (!open(r)) continue;
      let nearest = -Infinity;
      for (const p of picked) nearest = Math.max(nearest, dot(units, r * d, p * d, d));
      pool.push(r);
      maxSim.push(nearest);
      used.push(false);
      if (pool.length - start >= poolStep) break;
    }
    return pool.length > start;
  };
  extend();
  while (picked.length < rules.n) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (used[i]) continue;
      const penalty = picked.length === 0 ? 0 : maxSim[i]!;
      const value = (1 - lambda) * scores[pool[i]!]! - lambda * penalty;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) {
      if (extend()) continue;
      break;
    }
    // Entries closed by a pick are retired below, so only the same-recording check can refuse the winner.
    if (!eligible(pool[best]!)) {
      used[best] = true;
      continue;
    }
    const row = pool[best]!;
    used[best] = true;
    take(row);
    picked.push(row);
    // One pass: retire the entries this pick closed (its song's other versions, its artist once at the cap), so the
    // scans never revisit them, and update every other entry's nearest picked song.
    const song = block.songKeyIds[row]!;
    const artist = block.artistKeyIds[row]!;
    const artistFull = artist >= 0 && (perArtist.get(artist) ?? 0) >= rules.maxPerArtist;
    for (let i = 0; i < pool.length; i++) {
      if (used[i]) continue;
      const r = pool[i]!;
      if ((song >= 0 && block.songKeyIds[r] === song) || (artistFull && block.artistKeyIds[r] === artist)) {
        used[i] = true;
        continue;
      }
      const s = dot(units, r * d, row * d, d);
      if (s > maxSim[i]!) maxSim[i] = s;
    }
  }
  return picked;
}

function dot(units: Float64Array, a: number, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += units[a + j]! * units[b + j]!;
  return s;
}

/** Whether row r's scaled features equal `scaled` (to round-off: rows are stored as unit vector × norm). */
function sameVector(block: TLibraryCluster, d: number, r: number, scaled: Float64Array): boolean {
  const norm = block.norms[r]!;
  const tolerance = 1e-12 * Math.max(1, norm);
  for (let j = 0; j < d; j++) if (Math.abs(block.units[r * d + j]! * norm - scaled[j]!) > tolerance) return false;
  return true;
}
