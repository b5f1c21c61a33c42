// MMR (mmr-pool.ts) against the rule evaluated directly: every pool entry's value recomputed for every pick.
import type { TLibraryCluster } from "../prepare-library";
import { createRandom } from "../random";
import { selectDiverse } from "./select-diverse";
import { MIN_VARIETY_POOL, VARIETY_POOL_FACTOR } from "./steering";

function randomCluster(seed: number, m: number, d: number): { block: TLibraryCluster; scores: Float64Array } {
  const rng = createRandom(seed);
  const units = new Float64Array(m * d);
  const centre = Array.from({ length: d }, () => rng.next() - 0.5);
  for (let r = 0; r < m; r++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += (units[r * d + j] = centre[j]! + (rng.next() - 0.5) * 0.8) ** 2;
    for (let j = 0; j < d; j++) units[r * d + j]! /= Math.sqrt(sq);
  }
  const block: TLibraryCluster = {
    units,
    norms: new Float64Array(m).fill(1),
    trackIds: Array.from({ length: m }, (_, r) => `t${r}`),
    songIndex: Int32Array.from({ length: m }, (_, r) => r),
    songKeyIds: Int32Array.from({ length: m }, () => (rng.next() < 0.8 ? rng.int(Math.ceil(m * 0.7)) : -1)),
    artistKeyIds: Int32Array.from({ length: m }, () => (rng.next() < 0.9 ? rng.int(Math.ceil(m / 8)) : -1)),
  };
  const scores = Float64Array.from({ length: m }, () => (rng.next() < 0.1 ? Number.NaN : rng.next()));
  return { block, scores };
}

/** The rule as written in select-diverse.ts, evaluated eagerly over the pool (the first open rows by rank). */
function eagerMmr(block: TLibraryCluster, d: number, scores: Float64Array, n: number, maxPerArtist: number, lambda: number) {
  const order = [...scores.keys()].filter((r) => !Number.isNaN(scores[r]!)).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const poolStep = Math.max(VARIETY_POOL_FACTOR * n, MIN_VARIETY_POOL);
  const takenSongs = new Set<number>();
  const perArtist = new Map<number, number>();
  const open = (r: number) =>
    !(block.songKeyIds[r]! >= 0 && takenSongs.has(block.songKeyIds[r]!)) &&
    !(block.artistKeyIds[r]! >= 0 && (perArtist.get(block.artistKeyIds[r]!) ?? 0) >= maxPerArtist);
  const cos = (a: number, b: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += block.units[a * d + j]! * block.units[b * d + j]!;
    return s;
  };
  const picked: number[] = [];
  const pool: number[] = [];
  let walked = 0;
  const extend = () => {
    let added = 0;
    for (; walked < order.length && added < poolStep; walked++) {
      if (!open(order[walked]!)) continue;
      pool.push(order[walked]!);
      added++;
    }
    return added > 0;
  };
  extend();
  while (picked.length < n) {
    let best = -1;
    let bestValue = -Infinity;
    pool.forEach((r, i) => {
      if (!open(r)) return;
      const penalty = picked.length === 0 ? 0 : Math.max(...picked.map((p) => cos(r, p)));
      const value = (1 - lambda) * scores[r]! - lambda * penalty;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    if (best < 0) {
      if (extend()) continue;
      break;
    }
    const [r] = pool.splice(best, 1);
    if (block.songKeyIds[r!]! >= 0) takenSongs.add(block.songKeyIds[r!]!);
    if (block.artistKeyIds[r!]! >= 0) perArtist.set(block.artistKeyIds[r!]!, (perArtist.get(block.artistKeyIds[r!]!) ?? 0) + 1);
    picked.push(r!);
  }
  return picked;
}

describe("selectDiverse with variety", () => {
  it("picks exactly what the eager MMR scan picks, on clusters larger than the pool (pool extensions included)", () => {
    const rng = createRandom(17);
    for (let t = 0; t < 25; t++) {
      const d = t % 2 === 0 ? 9 : 4;
      const { block, scores } = randomCluster(100 + t, 300 + rng.int(1500), d);
      const n = 1 + rng.int(30);
      const maxPerArtist = 1 + rng.int(2);
      const lambda = [0.1, 0.3, 0.7, 1][rng.int(4)]!;
      const got = selectDiverse(block, d, scores, { n, maxPerArtist, variety: lambda, takenSongKeys: new Set(), sameAs: [] });
      expect(got).toEqual(eagerMmr(block, d, scores, n, maxPerArtist, lambda));
    }
  });
});
