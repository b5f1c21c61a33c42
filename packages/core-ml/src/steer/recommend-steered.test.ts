import { createModelArtifact, type TModelArtifact } from "../model-artifact";
import type { TLibrarySong } from "../prepare-library";
import type { TAudioFeatures } from "../features";
import { InvalidArgumentError, InvalidFeaturesError } from "../errors";
import { recommendSteered } from "./recommend-steered";
import { targetStepsInListenerTerms } from "./query-point";
import { MAX_BOOST } from "./steering";

const base: TAudioFeatures = {
  danceability: 0.5,
  energy: 0.5,
  loudness: -8,
  speechiness: 0.05,
  acousticness: 0.3,
  instrumentalness: 0.01,
  liveness: 0.15,
  valence: 0.5,
  tempo: 120,
};

function toyModel(featureNames: string[], mean: number[], scale: number[], centroids: number[][]): TModelArtifact {
  return createModelArtifact({
    featureNames,
    scaler: { mean, scale },
    k: centroids.length,
    centroids,
    assignment: "cosine",
    inertia: 1,
    silhouette: 0,
    trainingRows: 10,
    trainingDataHash: "hand",
  });
}

// Energy and valence, each scaled as z = (x − 0.5) / 0.25; three clusters: energetic, bright, calm-and-sad.
const ev = toyModel(
  ["energy", "valence"],
  [0.5, 0.5],
  [0.25, 0.25],
  [
    [1, 0],
    [0, 1],
    [-1, -1],
  ],
);
/** A song at scaled (energy, valence) = (e, v). */
const z = (e: number, v: number): TAudioFeatures => ({ ...base, energy: 0.5 + 0.25 * e, valence: 0.5 + 0.25 * v });
const evSongs: TLibrarySong[] = [
  { trackId: "s1", features: z(1.5, -0.5), cluster: 0 },
  { trackId: "s2", features: z(2, 0), cluster: 0 },
  { trackId: "s3", features: z(2, 2), cluster: 0 }, // the direction of seed A, twice as far
  { trackId: "s4", features: z(1, -1), cluster: 0 },
  { trackId: "s5", features: z(0.5, -1.5), cluster: 0 },
  { trackId: "b1", features: z(0, 1.5), cluster: 1 },
];
const seedA = { trackId: "A", features: z(1, 1) };
const seedB = { trackId: "s2", features: z(2, 0) }; // also in the library: never recommended back
const avoidC = { trackId: "C", features: z(0, 2) };
const ids = (r: { items: { trackId: string }[] }) => r.items.map((i) => i.trackId);

describe("recommendSteered: the rule, by hand", () => {
  it("Rocchio query point: mean of the seeds minus half the mean of the avoided songs", () => {
    // Seeds (1, 1) and (2, 0): mean (1.5, 0.5). Without avoid the cosines are s2 .9487 (a seed: skipped),
    // s3 .8944, s1 .8, s4 .4472, s5 0.
    const plain = recommendSteered(ev, { seeds: [seedA, seedB] }, evSongs, { topN: 10 });
    expect(plain.queryPoint[0]).toBeCloseTo(1.5, 12);
    expect(plain.queryPoint[1]).toBeCloseTo(0.5, 12);
    expect(plain.cluster).toBe(0);
    expect(ids(plain)).toEqual(["s3", "s1", "s4", "s5"]);
    expect(plain.items.map((i) => i.similarity)).toEqual(
      [2 / Math.sqrt(5), 0.8, 1 / Math.sqrt(5), 0].map((v) => expect.closeTo(v, 12) as unknown as number),
    );
    // Avoid (0, 2): q = (1.5, 0.5) − 0.5 · (0, 2) = (1.5, −0.5); cos to the energetic centroid .9487 → cluster 0.
    // Cosines: s1 1, s4 2/√5 = .8944, s5 1.5/2.5 = .6, s3 1/√5 = .4472.
    const steered = recommendSteered(ev, { seeds: [seedA, seedB], avoid: [avoidC] }, evSongs, { topN: 10 });
    expect(steered.queryPoint).toEqual([expect.closeTo(1.5, 12), expect.closeTo(-0.5, 12)]);
    expect(ids(steered)).toEqual(["s1", "s4", "s5", "s3"]);
    const s1 = steered.items[0]!;
    expect(s1.similarity).toBeCloseTo(1, 12);
    // s1 (1.5, −0.5) beside each seed: cos to (1, 1) = 1/√5, to (2, 0) = 3/√10; to the avoided (0, 2): −1/√10.
    expect(s1.seedSimilarities).toEqual([expect.closeTo(1 / Math.sqrt(5), 12), expect.closeTo(3 / Math.sqrt(10), 12)]);
    expect(s1.avoidSimilarities).toEqual([expect.closeTo(-1 / Math.sqrt(10), 12)]);
    expect(s1.index).toBe(0);
    expect(steered.shifts).toEqual({});
  });

  it("targets move the query point half a standard deviation along the feature's axis", () => {
    // less valence: q = (1.5, −1). Cosines: s4 2.5/√6.5 = .9806, s1 2.75/√8.125 = .9648, s5 .7894, s3 .1961.
    const r = recommendSteered(ev, { seeds: [seedA, seedB], avoid: [avoidC], targets: { valence: "less", energy: "same" } }, evSongs, {
      topN: 10,
    });
    expect(r.queryPoint).toEqual([expect.closeTo(1.5, 12), expect.closeTo(-1, 12)]);
    expect(r.shifts).toEqual({ valence: -0.5 });
    expect(ids(r)).toEqual(["s4", "s1", "s5", "s3"]);
    expect(r.items[0]!.similarity).toBeCloseTo(2.5 / Math.sqrt(6.5), 12);
    expect(r.items[1]!.similarity).toBeCloseTo(2.75 / Math.sqrt(8.125), 12);
    // more energy: q = (2, −0.5); s1 3.25/√10.625 = .9971 stays first.
    const more = recommendSteered(ev, { seeds: [seedA, seedB], avoid: [avoidC], targets: { energy: "more" } }, evSongs);
    expect(more.shifts).toEqual({ energy: 0.5 });
    expect(more.items[0]!.similarity).toBeCloseTo(3.25 / Math.sqrt(10.625), 12);
    // In listener terms a step is 0.5 × the scaler's std: 0.125 on the 0–1 scales here.
    expect(targetStepsInListenerTerms(ev)).toEqual({ energy: 0.125, valence: 0.125 });
  });

  it("assigns the cluster of the steered query point", () => {
    // One seed at (0, 1.5) is bright (cluster 1). Avoiding a calm, bright song (−1, 2) and asking for more energy
    // turns q to (0, 1.5) − 0.5 · (−1, 2) + (0.5, 0) = (1, 0.5): cos .894 to energetic against .447 to bright.
    const bright = { features: z(0, 1.5) };
    expect(recommendSteered(ev, { seeds: [bright] }, evSongs).cluster).toBe(1);
    const turned = recommendSteered(ev, { seeds: [bright], avoid: [{ features: z(-1, 2) }], targets: { energy: "more" } }, evSongs);
    expect(turned.queryPoint).toEqual([expect.closeTo(1, 12), expect.closeTo(0.5, 12)]);
    expect(turned.cluster).toBe(0);
  });

  it("never recommends a seed's or an avoided song's track or songKey", () => {
    const keyed: TLibrarySong[] = evSongs.map((s, i) => ({ ...s, songKey: `K${i}` }));
    keyed.push({ trackId: "s1-live", features: z(1.4, -0.5), cluster: 0, songKey: "K0" });
    // s1 is avoided by trackId (its songKey K0 takes s1-live too); s4 is a seed by songKey only.
    const r = recommendSteered(
      ev,
      { seeds: [seedA, { songKey: "K3", features: z(1, -1) }], avoid: [{ trackId: "s1", features: z(1.5, -0.5) }] },
      keyed,
      { topN: 10 },
    );
    expect(ids(r)).not.toEqual(expect.arrayContaining(["s1"]));
    expect(ids(r).sort()).toEqual(["s2", "s3", "s5"]);
  });

  it("leaves out a song with exactly a seed's features under another id (the same recording listed twice)", () => {
    const copies: TLibrarySong[] = [...evSongs, { trackId: "A-again", features: z(1, 1), cluster: 0 }];
    // A-again has seed A's features: it goes; s3 (2, 2) points the same way (cosine 1) but is another song: it stays.
    const r = recommendSteered(ev, { seeds: [seedA] }, copies, { topN: 10 });
    expect(ids(r)).not.toContain("A-again");
    expect(r.items[0]).toMatchObject({ trackId: "s3", similarity: expect.closeTo(1, 12) as unknown as number });
    expect(ids(r).sort()).toEqual(["s1", "s2", "s3", "s4", "s5"]);
  });
});

// Energy and tempo, one cluster; q points at (1, 0): more energy, average tempo.
const et = toyModel(["energy", "tempo"], [0.5, 120], [0.25, 30], [[1, 0]]);
const bpm = (e: number, tempo: number): TAudioFeatures => ({ ...base, energy: 0.5 + 0.25 * e, tempo });
const etSongs: TLibrarySong[] = [
  { trackId: "t100", features: bpm(1, 100) },
  { trackId: "t110", features: bpm(1, 110) },
  { trackId: "t120", features: bpm(1, 120) },
  { trackId: "t140", features: bpm(1, 140) },
  { trackId: "t150", features: bpm(1, 150) },
];

describe("recommendSteered: tempo", () => {
  it("tempoRange is an inclusive hard filter on candidates", () => {
    const seeds = [{ features: bpm(0.5, 120) }]; // the direction of t120, half as far
    // Cosines to q = (0.5, 0): t120 1, t110 .949, t100 and t140 .832 (a tie: library order), t150 .707.
    expect(ids(recommendSteered(et, { seeds }, etSongs))).toEqual(["t120", "t110", "t100", "t140", "t150"]);
    expect(ids(recommendSteered(et, { seeds, tempoRange: { min: 110, max: 140 } }, etSongs))).toEqual(["t120", "t110", "t140"]);
    expect(ids(recommendSteered(et, { seeds, tempoRange: { min: 141 } }, etSongs))).toEqual(["t150"]);
    expect(ids(recommendSteered(et, { seeds, tempoRange: { max: 100 } }, etSongs))).toEqual(["t100"]);
  });

  it("more tempo: +0.5 std = +15 BPM here, and the faster songs rise", () => {
    // Seed (0.5, 0); q = (0.5, 0.5): cosines t150 (z 1) 1 > t140 (z 2/3) .9806 > t120 .7071 > t110 .4472 > t100 .1961.
    const r = recommendSteered(et, { seeds: [{ features: bpm(0.5, 120) }], targets: { tempo: "more" } }, etSongs);
    expect(r.shifts).toEqual({ tempo: 0.5 });
    expect(ids(r)).toEqual(["t150", "t140", "t120", "t110", "t100"]);
    expect(r.items[1]!.similarity).toBeCloseTo((0.5 + 1 / 3) / (Math.sqrt(0.5) * Math.sqrt(1 + 4 / 9)), 12);
    expect(targetStepsInListenerTerms(et)).toEqual({ energy: 0.125, tempo: 15 });
  });
});

// Identity-like scaler on (energy, danceability) with z = (x − 0.5) / 0.5, one cluster, seed at z = (1, 0).
const ed = toyModel(["energy", "danceability"], [0.5, 0.5], [0.5, 0.5], [[1, 0]]);
const zd = (e: number, dn: number): TAudioFeatures => ({ ...base, energy: 0.5 + 0.5 * e, danceability: 0.5 + 0.5 * dn });
// Relevance (cosine to the seed): a .96, b .96 (same direction as a), c .8, e .6.
// Between them: cos(a, b) = 1, cos(a, c) = .6, cos(a, e) = .8, cos(c, e) = 0.
const mmrSongs: TLibrarySong[] = [
  { trackId: "a", features: zd(0.96, 0.28) },
  { trackId: "b", features: zd(0.48, 0.14) },
  { trackId: "c", features: zd(0.8, -0.6) },
  { trackId: "e", features: zd(0.6, 0.8) },
];
const mmrSeed = { seeds: [{ features: zd(1, 0) }] };

describe("recommendSteered: variety (maximal marginal relevance) and boosts", () => {
  it("trades similarity for variety as computed by hand", () => {
    expect(ids(recommendSteered(ed, mmrSeed, mmrSongs, { variety: 0 }))).toEqual(["a", "b", "c", "e"]);
    // λ = 0.1 after a: b .9·.96 − .1·1 = .764 beats c .72 − .06 = .66; order unchanged.
    expect(ids(recommendSteered(ed, mmrSeed, mmrSongs, { variety: 0.1 }))).toEqual(["a", "b", "c", "e"]);
    // λ = 0.5 after a: b .48 − .5 = −.02, c .4 − .3 = .1, e .3 − .4 = −.1 → c; then b (−.02) before e (−.1).
    expect(ids(recommendSteered(ed, mmrSeed, mmrSongs, { variety: 0.5 }))).toEqual(["a", "c", "b", "e"]);
    // λ = 1 (similarity ignored after the first pick): c (−.6), then e (−.8 against b's −1), then b.
    const all = recommendSteered(ed, mmrSeed, mmrSongs, { variety: 1 });
    expect(ids(all)).toEqual(["a", "c", "e", "b"]);
    // Reported similarity is always the cosine to the query point.
    expect(all.items.map((i) => i.similarity)).toEqual([0.96, 0.8, 0.6, 0.96].map((v) => expect.closeTo(v, 12) as unknown as number));
  });

  it("boosts reorder by at most MAX_BOOST and leave the reported similarity alone", () => {
    const boosts = new Map([
      ["b", 0.01],
      ["c", 1], // clamped to +0.05: .85 stays below .96
    ]);
    const r = recommendSteered(ed, mmrSeed, mmrSongs, { boosts });
    expect(ids(r)).toEqual(["b", "a", "c", "e"]);
    expect(r.items[0]!.similarity).toBeCloseTo(0.96, 12);
    expect(r.items[2]!.similarity).toBeCloseTo(0.8, 12);
    expect(MAX_BOOST).toBe(0.05);
    expect(ids(recommendSteered(ed, mmrSeed, mmrSongs, { boosts: new Map([["a", -1]]) }))).toEqual(["b", "a", "c", "e"]);
  });

  it("keeps maxPerArtist and topN under variety", () => {
    const songs = mmrSongs.map((s) => ({ ...s, artistKey: s.trackId === "e" ? "Y" : "X" }));
    expect(ids(recommendSteered(ed, mmrSeed, songs, { variety: 1, maxPerArtist: 1 }))).toEqual(["a", "e"]);
    expect(ids(recommendSteered(ed, mmrSeed, songs, { variety: 0.5, topN: 2 }))).toEqual(["a", "c"]);
    expect(recommendSteered(ed, mmrSeed, songs, { topN: 0 }).items).toEqual([]);
  });
});

describe("recommendSteered: invalid input", () => {
  const seed = { features: z(1, 1) };
  const bad: [string, () => unknown, RegExp][] = [
    ["no seeds", () => recommendSteered(ev, { seeds: [] }, evSongs), /1–5/],
    ["six seeds", () => recommendSteered(ev, { seeds: Array(6).fill(seed) }, evSongs), /1–5 songs, got 6/],
    ["six avoided", () => recommendSteered(ev, { seeds: [seed], avoid: Array(6).fill(seed) }, evSongs), /at most 5/],
    ["variety 1.5", () => recommendSteered(ev, { seeds: [seed] }, evSongs, { variety: 1.5 }), /variety/],
    ["variety NaN", () => recommendSteered(ev, { seeds: [seed] }, evSongs, { variety: Number.NaN }), /variety/],
    ["min > max", () => recommendSteered(et, { seeds: [seed], tempoRange: { min: 150, max: 100 } }, etSongs), /must not exceed/],
    ["tempo 400", () => recommendSteered(et, { seeds: [seed], tempoRange: { max: 400 } }, etSongs), /tempoRange.max/],
    ["tempo NaN", () => recommendSteered(et, { seeds: [seed], tempoRange: { min: Number.NaN } }, etSongs), /tempoRange.min/],
    ["no tempo column", () => recommendSteered(ev, { seeds: [seed], tempoRange: { min: 100 } }, evSongs), /no tempo/],
    ["unknown target", () => recommendSteered(ev, { seeds: [seed], targets: { loudness: "more" } as never }, evSongs), /loudness/],
    ["bad step", () => recommendSteered(ev, { seeds: [seed], targets: { energy: "lots" } as never }, evSongs), /less, same, more/],
    ["target not in model", () => recommendSteered(ev, { seeds: [seed], targets: { tempo: "more" } }, evSongs), /no tempo/],
    ["maxPerArtist 0", () => recommendSteered(ev, { seeds: [seed] }, evSongs, { maxPerArtist: 0 }), /maxPerArtist/],
    ["boost NaN", () => recommendSteered(ev, { seeds: [seed] }, evSongs, { boosts: new Map([["s1", Number.NaN]]) }), /boost/],
  ];
  it.each(bad)("%s → InvalidArgumentError", (_name, call, message) => {
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(message);
  });

  it("NaN or out-of-range seed features → InvalidFeaturesError naming the seed", () => {
    const nan = { features: { ...base, energy: Number.NaN } };
    expect(() => recommendSteered(ev, { seeds: [seed, nan] }, evSongs)).toThrow(InvalidFeaturesError);
    expect(() => recommendSteered(ev, { seeds: [seed, nan] }, evSongs)).toThrow(/seed 2/);
    expect(() => recommendSteered(ev, { seeds: [seed], avoid: [{ features: { ...base, tempo: 999 } }] }, evSongs)).toThrow(
      /avoided song 1/,
    );
  });
});
