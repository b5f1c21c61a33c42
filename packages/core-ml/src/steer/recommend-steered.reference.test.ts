// recommendSteered's candidate scan (sampled threshold, tempo-sorted copy, boosted rows scored apart, copied vectors)
// against the plain path it replaced, bit for bit, on libraries large enough to take the sampled path: every row of
// the cluster scored into one array (cosine + clamped boost, NaN for excluded rows and rows out of the tempo range),
// then selectDiverse with its default selection (topRows over that array, itself checked against sorting).
import { assignCluster } from "../assign-cluster";
import { FEATURE_NAMES, type TAudioFeatures } from "../features";
import { prepareLibrary, type TLibrarySong, type TPreparedLibrary } from "../prepare-library";
import { createRandom, type TRandom } from "../random";
import { buildQueryPoint } from "./query-point";
import { recommendSteered } from "./recommend-steered";
import { cosineOfRow } from "./score-candidates";
import { selectDiverse } from "./select-diverse";
import { MAX_BOOST, STEERABLE_FEATURES, type TSeed, type TSteering, type TTargetStep } from "./steering";
import { randomFeatures, steerTestModel } from "./test-fixtures";

const TEMPO = FEATURE_NAMES.indexOf("tempo");
const model = steerTestModel("reference");

/** The plain path: the whole cluster scored into one array, then selectDiverse's default (topRows) selection. */
function reference(
  prep: TPreparedLibrary,
  steering: TSteering,
  opts: { topN: number; maxPerArtist: number; variety: number; boosts: Map<string, number> },
) {
  const query = buildQueryPoint(model, steering);
  const cluster = assignCluster(query.point, model.centroids, { metric: "cosine" });
  const block = prep.clusters[cluster]!;
  const d = prep.dimensions;
  let sq = 0;
  for (const x of query.point) sq += x * x;
  const unit = query.point.map((x) => x / Math.sqrt(sq));
  const toScaled = (bpm: number) => (bpm - model.scaler.mean[TEMPO]!) / model.scaler.scale[TEMPO]!;
  const range = steering.tempoRange;
  const low = range?.min === undefined ? -Infinity : toScaled(range.min) - 1e-9;
  const high = range?.max === undefined ? Infinity : toScaled(range.max) + 1e-9;
  const scores = Float64Array.from({ length: block.norms.length }, (_, r) => {
    const t = block.units[r * d + TEMPO]! * block.norms[r]!;
    return t >= low && t <= high ? cosineOfRow(block, d, r, unit) : Number.NaN;
  });
  const takenSongKeys = new Set<number>();
  for (const seed of [...steering.seeds, ...(steering.avoid ?? [])]) {
    const at = seed.trackId === undefined ? undefined : prep.positions.get(seed.trackId);
    if (!at) continue;
    if (at[0] === cluster) scores[at[1]] = Number.NaN;
    const key = prep.clusters[at[0]]!.songKeyIds[at[1]]!;
    if (key >= 0) takenSongKeys.add(key);
  }
  for (const [trackId, boost] of opts.boosts) {
    const at = prep.positions.get(trackId);
    if (at && at[0] === cluster) scores[at[1]]! += Math.max(-MAX_BOOST, Math.min(MAX_BOOST, boost));
  }
  const rows = selectDiverse(block, d, scores, {
    n: opts.topN,
    maxPerArtist: opts.maxPerArtist,
    variety: opts.variety,
    takenSongKeys,
    sameAs: [...query.seeds, ...query.avoid],
  });
  return { cluster, items: rows.map((r) => ({ trackId: block.trackIds[r]!, similarity: cosineOfRow(block, d, r, unit) })) };
}

function randomSteering(rng: TRandom, songs: TLibrarySong[]): TSteering {
  const pick = (): TSeed => {
    const s = songs[rng.int(songs.length)]!;
    return rng.next() < 0.8 ? { trackId: s.trackId, features: s.features } : { features: randomFeatures(rng, { wholeTempo: true }) };
  };
  const steps: TTargetStep[] = ["less", "same", "more"];
  const targets: TSteering["targets"] = {};
  for (const f of STEERABLE_FEATURES) if (rng.next() < 0.5) targets[f] = steps[rng.int(3)]!;
  const low = 70 + rng.int(60);
  return {
    seeds: Array.from({ length: 1 + rng.int(5) }, pick),
    avoid: Array.from({ length: rng.int(6) }, pick),
    targets,
    tempoRange: rng.next() < 0.75 ? { min: low, max: low + 20 + rng.int(60) } : undefined,
  };
}

describe("recommendSteered's candidate scan against scoring the whole cluster", () => {
  it("gives the same items and similarities, bit for bit, on a 30,000-song library (boosts, tempo, maxPerArtist, variety)", () => {
    const rng = createRandom(31);
    const n = 30_000;
    const songs: TLibrarySong[] = Array.from({ length: n }, (_, i) => ({
      trackId: `t${i}`,
      features: randomFeatures(rng, { wholeTempo: true }),
      cluster: rng.int(3), // ~10,000 songs per cluster, far above the 4,096 rows from which the scan samples a threshold
      songKey: rng.next() < 0.9 ? `S${rng.int(Math.ceil(n * 0.8))}` : undefined,
      artistKey: rng.next() < 0.9 ? `A${rng.int(Math.ceil(n / 8))}` : undefined,
    }));
    const prep = prepareLibrary(model, songs);
    expect(Math.min(...prep.clusters.map((c) => c.norms.length))).toBeGreaterThan(4096); // the sampled path
    const boosts = new Map(Array.from({ length: 1000 }, () => [`t${rng.int(n)}`, (rng.next() - 0.5) * 0.3] as [string, number]));
    for (let t = 0; t < 60; t++) {
      const steering = randomSteering(rng, songs);
      const opts = { topN: [1, 10, 50, 120][rng.int(4)]!, maxPerArtist: 1 + rng.int(3), variety: [0, 0.3, 0.7][rng.int(3)]!, boosts };
      const got = recommendSteered(model, steering, prep, opts);
      const want = reference(prep, steering, opts);
      expect(got.cluster).toBe(want.cluster);
      expect(got.items.map((i) => [i.trackId, i.similarity])).toEqual(want.items.map((i) => [i.trackId, i.similarity]));
    }
  });

  it("stays exact when the sample misses the best rows (the scan is repeated without the threshold)", () => {
    // One cluster, tempo increasing with the row, so the tempo order is the row order and every 8th row is sampled:
    // only those rows are close to the seed, so the sampled threshold lets through far fewer rows than the pool.
    const rng = createRandom(32);
    const n = 8000;
    const near: TAudioFeatures = {
      danceability: 0.7,
      energy: 0.8,
      loudness: -5,
      speechiness: 0.05,
      acousticness: 0.1,
      instrumentalness: 0.01,
      liveness: 0.1,
      valence: 0.6,
      tempo: 120,
    };
    const songs: TLibrarySong[] = Array.from({ length: n }, (_, i) => {
      const features = i % 8 === 0 ? { ...near } : randomFeatures(rng, { wholeTempo: true });
      return { trackId: `t${i}`, features: { ...features, tempo: 80 + i * 0.01 }, cluster: 0, artistKey: `A${i}` };
    });
    const prep = prepareLibrary(model, songs);
    for (const variety of [0, 0.3]) {
      const steering: TSteering = { seeds: [{ features: near }] };
      const opts = { topN: 50, maxPerArtist: 1, variety, boosts: new Map<string, number>() };
      const got = recommendSteered(model, steering, prep, opts);
      const want = reference(prep, steering, opts);
      expect(got.items.map((i) => [i.trackId, i.similarity])).toEqual(want.items.map((i) => [i.trackId, i.similarity]));
      expect(got.items).toHaveLength(50);
    }
  });
});
