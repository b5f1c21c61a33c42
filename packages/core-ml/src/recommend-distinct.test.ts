import { createModelArtifact, type TModelArtifact } from "./model-artifact";
import { prepareLibrary, type TLibrarySong } from "./prepare-library";
import { recommend } from "./recommend";
import { FEATURE_NAMES, type TAudioFeatures } from "./features";
import { InvalidArgumentError } from "./errors";
import { createRandom } from "./random";
import { randomFeatures } from "./steer/test-fixtures";

// A two-feature, one-cluster model with an identity scaler: cosine to the query (energy 1, danceability 0) is
// e / √(e² + d²), so the ranking below is computed by hand.
const flat = createModelArtifact({
  featureNames: ["energy", "danceability"],
  scaler: { mean: [0, 0], scale: [1, 1] },
  k: 1,
  centroids: [[1, 1]],
  assignment: "cosine",
  inertia: 1,
  silhouette: 0,
  trainingRows: 10,
  trainingDataHash: "hand",
});
const base: TAudioFeatures = {
  danceability: 0,
  energy: 0,
  loudness: -8,
  speechiness: 0.05,
  acousticness: 0.3,
  instrumentalness: 0.01,
  liveness: 0.15,
  valence: 0.5,
  tempo: 120,
};
const at = (energy: number, danceability: number): TAudioFeatures => ({ ...base, energy, danceability });
const query = { features: at(1, 0) };

// Rank order a (1.000) > b (0.995) > c (0.981) > d (0.958) > e (0.894) > f (0.447).
const hand: TLibrarySong[] = [
  { trackId: "f", features: at(0.5, 1), songKey: "S5", artistKey: "Y" },
  { trackId: "e", features: at(1, 0.5), songKey: "S4" },
  { trackId: "d", features: at(1, 0.3), songKey: "S3", artistKey: "X" },
  { trackId: "c", features: at(1, 0.2), songKey: "S2", artistKey: "X" },
  { trackId: "b", features: at(1, 0.1), songKey: "S1", artistKey: "X" },
  { trackId: "a", features: at(1, 0), songKey: "S1", artistKey: "X" },
];
const ids = (r: ReturnType<typeof recommend>) => r.items.map((i) => i.trackId);

describe("recommend: one entry per song, maxPerArtist", () => {
  it("skips a taken songKey and an artist at the cap (hand-computed)", () => {
    expect(ids(recommend(flat, query, hand, { topN: 3 }))).toEqual(["a", "c", "e"]);
    expect(ids(recommend(flat, query, hand, { topN: 10 }))).toEqual(["a", "c", "e", "f"]);
    expect(ids(recommend(flat, query, hand, { topN: 10, maxPerArtist: 1 }))).toEqual(["a", "e", "f"]);
    expect(ids(recommend(flat, query, hand, { topN: 10, maxPerArtist: Infinity }))).toEqual(["a", "c", "d", "e", "f"]);
    const r = recommend(flat, query, hand, { topN: 2 });
    expect(r.items[1]!.similarity).toBeCloseTo(1 / Math.sqrt(1.04), 12);
    expect(r.items[1]!.index).toBe(3);
  });

  it("never recommends the query's own song: its trackId's songKey, or one given", () => {
    // a is the query; b is another recording of S1, so it goes too; X still has two slots (c, d).
    expect(ids(recommend(flat, { ...query, trackId: "a" }, hand, { topN: 10 }))).toEqual(["c", "d", "e", "f"]);
    expect(ids(recommend(flat, { ...query, songKey: "S2" }, hand, { topN: 10 }))).toEqual(["a", "d", "e", "f"]);
    expect(ids(recommend(flat, { ...query, songKey: "not-in-library" }, hand, { topN: 10 }))).toEqual(["a", "c", "e", "f"]);
  });

  it("does not cap songs of unknown artist, but still merges their songKey", () => {
    const noArtist: TLibrarySong[] = [
      { trackId: "r1", features: at(1, 0), songKey: "same-recording" },
      { trackId: "r2", features: at(1, 0), songKey: "same-recording" },
      { trackId: "u1", features: at(1, 0.1), songKey: "u1" },
      { trackId: "u2", features: at(1, 0.2), songKey: "u2" },
      { trackId: "u3", features: at(1, 0.3), songKey: "u3" },
    ];
    expect(ids(recommend(flat, query, noArtist, { topN: 10, maxPerArtist: 1 }))).toEqual(["r1", "u1", "u2", "u3"]);
  });

  it("with no keys, or distinct keys and no cap, ranks exactly as the plain top-N", () => {
    const plain = hand.map(({ trackId, features }) => ({ trackId, features }));
    const distinct = hand.map((s) => ({ ...s, songKey: s.trackId, artistKey: s.trackId }));
    expect(prepareLibrary(flat, plain).hasKeys).toBe(false);
    const expected = ["a", "b", "c", "d", "e", "f"];
    expect(ids(recommend(flat, query, plain, { topN: 10 }))).toEqual(expected);
    expect(ids(recommend(flat, query, plain, { topN: 10, maxPerArtist: 1 }))).toEqual(expected);
    expect(ids(recommend(flat, query, distinct, { topN: 10, maxPerArtist: Infinity }))).toEqual(expected);
  });

  it("refuses a maxPerArtist below 1 or NaN", () => {
    expect(() => recommend(flat, query, hand, { maxPerArtist: 0 })).toThrow(InvalidArgumentError);
    expect(() => recommend(flat, query, hand, { maxPerArtist: Number.NaN })).toThrow(InvalidArgumentError);
  });

  // A 9-feature, two-cluster library with random keys from small pools, against a brute-force oracle: the full
  // plain ranking filtered greedily. Streams past the first selection round when one artist dominates.
  it("matches the greedy filter over the full ranking (random keys, streaming rounds)", () => {
    const mean = FEATURE_NAMES.map((f) => base[f]);
    const m: TModelArtifact = createModelArtifact({
      featureNames: [...FEATURE_NAMES],
      scaler: { mean, scale: [0.15, 0.2, 3, 0.05, 0.3, 0.2, 0.1, 0.25, 30] },
      k: 2,
      centroids: [
        [0.5, 1.5, 1, 0, -1, 0, 0, 0.5, 0.3],
        [-0.5, -1.2, -1, 0, 1.5, 0.3, 0, -0.4, -0.3],
      ],
      assignment: "cosine",
      inertia: 1,
      silhouette: 0.3,
      trainingRows: 100,
      trainingDataHash: "random",
    });
    const rng = createRandom(11);
    const songs: TLibrarySong[] = Array.from({ length: 3000 }, (_, i) => ({
      trackId: `t${i}`,
      features: randomFeatures(rng),
    }));
    const plain = prepareLibrary(m, songs);
    const energetic: TAudioFeatures = { ...base, danceability: 0.6, energy: 0.9, loudness: -4, acousticness: 0.02 };
    const full = recommend(m, { features: energetic }, plain, { topN: 100_000 }).items;
    // Scenario 1: random song/artist pools; scenario 2: all but every 97th song by one artist.
    const scenarios: ((i: number) => Pick<TLibrarySong, "songKey" | "artistKey">)[] = [
      () => ({ songKey: `s${Math.floor(rng.next() * 400)}`, artistKey: rng.next() < 0.2 ? undefined : `a${Math.floor(rng.next() * 30)}` }),
      (i) => ({ songKey: `s${i}`, artistKey: i % 97 === 0 ? `solo${i}` : "prolific" }),
    ];
    for (const keysOf of scenarios) {
      const keyed = songs.map((s, i) => ({ ...s, ...keysOf(i) }));
      for (const [topN, maxPerArtist] of [
        [10, 2],
        [25, 1],
        [40, 3],
      ] as const) {
        const got = recommend(m, { features: energetic }, keyed, { topN, maxPerArtist }).items;
        const songsTaken = new Set<string>();
        const perArtist = new Map<string, number>();
        const oracle = full
          .filter((item) => {
            const { songKey, artistKey } = keyed[item.index]!;
            if (songKey !== undefined && songsTaken.has(songKey)) return false;
            if (artistKey !== undefined && (perArtist.get(artistKey) ?? 0) >= maxPerArtist) return false;
            if (songKey !== undefined) songsTaken.add(songKey);
            if (artistKey !== undefined) perArtist.set(artistKey, (perArtist.get(artistKey) ?? 0) + 1);
            return true;
          })
          .slice(0, topN);
        expect(got.map((i) => i.trackId)).toEqual(oracle.map((o) => o.trackId));
        got.forEach((item, i) => expect(item.similarity).toBeCloseTo(oracle[i]!.similarity, 12));
      }
    }
  });
});
