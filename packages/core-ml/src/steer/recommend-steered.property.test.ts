// recommendSteered against a brute-force oracle written from the documented rule, on random libraries and requests.
import { cosineSimilarity } from "../cosine";
import { FEATURE_NAMES, type TAudioFeatures } from "../features";
import { prepareLibrary, type TLibrarySong } from "../prepare-library";
import { createRandom, type TRandom } from "../random";
import { recommend } from "../recommend";
import { recommendSteered } from "./recommend-steered";
import { AVOID_WEIGHT, MAX_BOOST, STEERABLE_FEATURES, TARGET_STEP, type TSeed, type TSteering, type TTargetStep } from "./steering";
import { randomFeatures, steerTestModel } from "./test-fixtures";

const model = steerTestModel("property");

function randomLibrary(rng: TRandom, n: number): TLibrarySong[] {
  return Array.from({ length: n }, (_, i) => ({
    trackId: `t${i}`,
    features: randomFeatures(rng),
    songKey: rng.next() < 0.8 ? `S${rng.int(Math.ceil(n * 0.8))}` : undefined,
    artistKey: rng.next() < 0.9 ? `A${rng.int(Math.ceil(n / 6))}` : undefined,
  }));
}

const scaled = (f: TAudioFeatures) => FEATURE_NAMES.map((name, j) => (f[name] - model.scaler.mean[j]!) / model.scaler.scale[j]!);
const meanOf = (vs: number[][]) => FEATURE_NAMES.map((_, j) => vs.reduce((s, v) => s + v[j]!, 0) / vs.length);

function randomSteering(rng: TRandom, songs: TLibrarySong[]): TSteering {
  const pick = (): TSeed => {
    if (rng.next() < 0.6) {
      const s = songs[rng.int(songs.length)]!;
      return { trackId: s.trackId, features: s.features };
    }
    return { features: randomFeatures(rng) };
  };
  const steps: TTargetStep[] = ["less", "same", "more"];
  const targets: TSteering["targets"] = {};
  for (const f of STEERABLE_FEATURES) if (rng.next() < 0.4) targets[f] = steps[rng.int(3)]!;
  const low = 70 + 60 * rng.next();
  return {
    seeds: Array.from({ length: 1 + rng.int(5) }, pick),
    avoid: Array.from({ length: rng.int(6) }, pick),
    targets,
    tempoRange: rng.next() < 0.5 ? { min: low, max: low + 20 + 60 * rng.next() } : undefined,
  };
}

interface TOracleRow {
  trackId: string;
  index: number;
  v: number[];
  similarity: number;
  score: number;
  songKey?: string;
  artistKey?: string;
}

/** The documented rule, written plainly: O(n) work per pick, every candidate of the cluster considered. */
function oracle(
  songs: TLibrarySong[],
  steering: TSteering,
  opts: { topN: number; maxPerArtist: number; variety: number; boosts: Map<string, number> },
) {
  let q = meanOf(steering.seeds.map((s) => scaled(s.features)));
  const avoid = steering.avoid ?? [];
  if (avoid.length > 0) {
    const a = meanOf(avoid.map((s) => scaled(s.features)));
    q = q.map((x, j) => x - AVOID_WEIGHT * a[j]!);
  }
  for (const [f, step] of Object.entries(steering.targets ?? {})) {
    const j = FEATURE_NAMES.indexOf(f as never);
    if (step === "more") q[j]! += TARGET_STEP;
    if (step === "less") q[j]! -= TARGET_STEP;
  }
  const cos = model.centroids.map((c) => cosineSimilarity(q, c));
  const cluster = cos.indexOf(Math.max(...cos));
  const given = [...steering.seeds, ...avoid];
  const bannedTracks = new Set(given.map((s) => s.trackId).filter(Boolean));
  const songKeyOf = new Map(songs.map((s) => [s.trackId, s.songKey]));
  const bannedKeys = new Set(given.map((s) => s.songKey ?? (s.trackId ? songKeyOf.get(s.trackId) : undefined)).filter(Boolean));
  const { min = -Infinity, max = Infinity } = steering.tempoRange ?? {};
  const rows: TOracleRow[] = songs
    .map((s, index) => ({ s, index, v: scaled(s.features) }))
    .filter((x) => {
      const c = model.centroids.map((centre) => cosineSimilarity(x.v, centre));
      return c.indexOf(Math.max(...c)) === cluster;
    })
    .filter((x) => !bannedTracks.has(x.s.trackId) && x.s.features.tempo >= min && x.s.features.tempo <= max)
    .map((x) => {
      const similarity = cosineSimilarity(q, x.v);
      const boost = Math.max(-MAX_BOOST, Math.min(MAX_BOOST, opts.boosts.get(x.s.trackId) ?? 0));
      return {
        trackId: x.s.trackId,
        index: x.index,
        v: x.v,
        similarity,
        score: similarity + boost,
        songKey: x.s.songKey,
        artistKey: x.s.artistKey,
      };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const taken = new Set(bannedKeys);
  const perArtist = new Map<string, number>();
  const picked: TOracleRow[] = [];
  const ok = (r: TOracleRow) =>
    !(r.songKey && taken.has(r.songKey)) && !(r.artistKey && (perArtist.get(r.artistKey) ?? 0) >= opts.maxPerArtist);
  const remaining = [...rows];
  while (picked.length < opts.topN) {
    let best = -1;
    let bestValue = -Infinity;
    remaining.forEach((r, i) => {
      if (!ok(r)) return;
      const penalty = picked.length === 0 ? 0 : Math.max(...picked.map((p) => cosineSimilarity(p.v, r.v)));
      const value = (1 - opts.variety) * r.score - opts.variety * penalty;
      if (value > bestValue + 1e-12) {
        bestValue = value;
        best = i;
      }
    });
    if (best < 0) break;
    const [r] = remaining.splice(best, 1);
    if (r!.songKey) taken.add(r!.songKey);
    if (r!.artistKey) perArtist.set(r!.artistKey, (perArtist.get(r!.artistKey) ?? 0) + 1);
    picked.push(r!);
  }
  return { cluster, q, picked };
}

describe("recommendSteered against a brute-force oracle", () => {
  it("matches the rule with every option on (variety 0, 200 random requests)", () => {
    const rng = createRandom(11);
    const songs = randomLibrary(rng, 400);
    const library = prepareLibrary(model, songs);
    for (let t = 0; t < 200; t++) {
      const steering = randomSteering(rng, songs);
      const boosts = new Map(Array.from({ length: 30 }, () => [`t${rng.int(400)}`, (rng.next() - 0.5) * 0.3] as [string, number]));
      const opts = { topN: 1 + rng.int(20), maxPerArtist: 1 + rng.int(3), variety: 0, boosts };
      const got = recommendSteered(model, steering, library, opts);
      const want = oracle(songs, steering, opts);
      expect(got.cluster).toBe(want.cluster);
      got.queryPoint.forEach((x, j) => expect(x).toBeCloseTo(want.q[j]!, 10));
      expect(got.items.map((i) => i.trackId)).toEqual(want.picked.map((p) => p.trackId));
      got.items.forEach((item, i) => {
        expect(item.similarity).toBeCloseTo(want.picked[i]!.similarity, 10);
        expect(item.index).toBe(want.picked[i]!.index);
        const v = want.picked[i]!.v;
        item.seedSimilarities.forEach((s, k) => expect(s).toBeCloseTo(cosineSimilarity(v, scaled(steering.seeds[k]!.features)), 10));
        expect(item.avoidSimilarities).toHaveLength(steering.avoid!.length);
      });
    }
  });

  it("matches brute-force MMR when the pool covers the cluster (variety > 0)", () => {
    const rng = createRandom(5);
    for (let t = 0; t < 60; t++) {
      const songs = randomLibrary(rng, 60); // each cluster fits in the minimum pool of 50, so MMR sees all of it
      const steering = randomSteering(rng, songs);
      const opts = { topN: 1 + rng.int(5), maxPerArtist: 1 + rng.int(2), variety: rng.next(), boosts: new Map<string, number>() };
      const got = recommendSteered(model, steering, songs, opts);
      const want = oracle(songs, steering, opts);
      expect(prepareLibrary(model, songs).clusters[got.cluster]!.norms.length).toBeLessThanOrEqual(50);
      expect(got.items.map((i) => i.trackId)).toEqual(want.picked.map((p) => p.trackId));
    }
  });

  it("with one seed and no options it is recommend", () => {
    const rng = createRandom(21);
    const songs = randomLibrary(rng, 500);
    const library = prepareLibrary(model, songs);
    for (let t = 0; t < 50; t++) {
      const s = songs[rng.int(songs.length)]!;
      const seed = rng.next() < 0.5 ? { trackId: s.trackId, features: s.features } : { features: randomFeatures(rng) };
      const plain = recommend(model, seed, library, { topN: 15 });
      const steered = recommendSteered(model, { seeds: [seed] }, library, { topN: 15 });
      expect(steered.cluster).toBe(plain.cluster);
      expect(steered.items.map((i) => [i.trackId, i.index])).toEqual(plain.items.map((i) => [i.trackId, i.index]));
      steered.items.forEach((item, i) => {
        expect(item.similarity).toBeCloseTo(plain.items[i]!.similarity, 12);
        expect(item.seedSimilarities[0]).toBeCloseTo(item.similarity, 12);
      });
    }
  });

  it("variety 1 lowers the list's mean pairwise cosine against variety 0", () => {
    const rng = createRandom(8);
    const songs = randomLibrary(rng, 3000);
    const library = prepareLibrary(model, songs);
    const meanPairwise = (trackIds: string[]) => {
      const vs = trackIds.map((id) => scaled(songs[Number(id.slice(1))]!.features));
      let sum = 0;
      let pairs = 0;
      for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++, pairs++) sum += cosineSimilarity(vs[i]!, vs[j]!);
      return sum / pairs;
    };
    for (let t = 0; t < 10; t++) {
      const s = songs[rng.int(songs.length)]!;
      const steering = { seeds: [{ trackId: s.trackId, features: s.features }] };
      const at = (variety: number) => recommendSteered(model, steering, library, { topN: 10, variety }).items.map((i) => i.trackId);
      expect(meanPairwise(at(1))).toBeLessThan(meanPairwise(at(0)));
    }
  });
});
