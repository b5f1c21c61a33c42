import { createModelArtifact, type TModelArtifact } from "./model-artifact";
import { prepareLibrary, type TLibrarySong } from "./prepare-library";
import { recommend } from "./recommend";
import { cosineSimilarity } from "./cosine";
import { FEATURE_NAMES, type TAudioFeatures } from "./features";
import { DimensionMismatchError, InvalidArgumentError, InvalidFeaturesError } from "./errors";
import { createRandom } from "./random";
import { randomFeatures } from "./steer/test-fixtures";

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
const mean = FEATURE_NAMES.map((f) => base[f]);
const scale = [0.15, 0.2, 3, 0.05, 0.3, 0.2, 0.1, 0.25, 30];

// Cluster 0 points towards "energetic", cluster 1 towards "acoustic".
function model(assignment: "cosine" | "euclidean" = "cosine"): TModelArtifact {
  return createModelArtifact({
    featureNames: [...FEATURE_NAMES],
    scaler: { mean, scale },
    k: 2,
    centroids: [
      [0.5, 1.5, 1, 0, -1, 0, 0, 0.5, 0.3],
      [-0.5, -1.2, -1, 0, 1.5, 0.3, 0, -0.4, -0.3],
    ],
    assignment,
    inertia: 1,
    silhouette: 0.3,
    trainingRows: 100,
    trainingDataHash: "test",
  });
}

function randomSongs(n: number, seed: number): TLibrarySong[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => ({
    trackId: `t${i}`,
    features: randomFeatures(rng),
  }));
}

const scaled = (f: TAudioFeatures) => FEATURE_NAMES.map((name, j) => (f[name] - mean[j]!) / scale[j]!);

describe("recommend", () => {
  const m = model();
  const songs = randomSongs(400, 3);
  const energetic: TAudioFeatures = { ...base, energy: 0.9, loudness: -4, acousticness: 0.02, danceability: 0.6 };

  it("ranks the query's cluster by cosine on scaled features (brute-force oracle)", () => {
    const r = recommend(m, { features: energetic }, prepareLibrary(m, songs), { topN: 15 });
    expect(r.cluster).toBe(0);
    r.scaledQuery.forEach((v, j) => expect(v).toBeCloseTo(scaled(energetic)[j]!, 12));
    const oracle = songs
      .map((s, index) => ({ s, index, v: scaled(s.features) }))
      .filter((x) => cosineSimilarity(x.v, m.centroids[0]!) >= cosineSimilarity(x.v, m.centroids[1]!))
      .map((x) => ({ trackId: x.s.trackId, index: x.index, similarity: cosineSimilarity(r.scaledQuery, x.v) }))
      .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
      .slice(0, 15);
    expect(r.items.map((i) => i.trackId)).toEqual(oracle.map((o) => o.trackId));
    r.items.forEach((item, i) => {
      expect(item.index).toBe(oracle[i]!.index);
      expect(item.similarity).toBeCloseTo(oracle[i]!.similarity, 12);
    });
  });

  it("uses the given clusters, excludes the query's own track and de-duplicates track ids", () => {
    const tagged: TLibrarySong[] = [
      { trackId: "self", features: energetic, cluster: 1 },
      { trackId: "a", features: energetic, cluster: 1 },
      { trackId: "a", features: energetic, cluster: 1 },
      { trackId: "b", features: { ...energetic, tempo: 150 }, cluster: 1 },
      { trackId: "c", features: energetic, cluster: 0 },
    ];
    const euclid = model("euclidean");
    const r = recommend(euclid, { trackId: "self", features: energetic }, tagged, { topN: 10 });
    expect(r.cluster).toBe(0);
    expect(r.items.map((i) => i.trackId)).toEqual(["c"]);
    const acoustic: TAudioFeatures = { ...base, acousticness: 0.95, energy: 0.1, loudness: -15 };
    const r1 = recommend(euclid, { trackId: "self", features: acoustic }, tagged);
    expect(r1.cluster).toBe(1);
    expect(r1.items.map((i) => i.trackId).sort()).toEqual(["a", "b"]);
    expect(r1.items.find((i) => i.trackId === "a")!.index).toBe(1);
    // The query has exactly song c's features: cosine 1, never an ulp above.
    expect(r.items[0]!.similarity).toBeCloseTo(1, 14);
    expect(r.items[0]!.similarity).toBeLessThanOrEqual(1);
  });

  it("handles topN beyond the cluster and topN <= 0", () => {
    const cat = prepareLibrary(m, songs);
    const all = recommend(m, { features: energetic }, cat, { topN: 10_000 });
    expect(all.items).toHaveLength(cat.clusters[0]!.norms.length);
    expect(recommend(m, { features: energetic }, cat, { topN: 0 }).items).toEqual([]);
    expect(recommend(m, { features: energetic }, cat, { topN: -Infinity }).items).toEqual([]);
    expect(() => recommend(m, { features: energetic }, cat, { topN: Number.NaN })).toThrow(InvalidArgumentError);
  });

  it("refuses NaN, missing or out-of-range features with typed errors", () => {
    const cat = prepareLibrary(m, songs);
    expect(() => recommend(m, { features: { ...energetic, tempo: Number.NaN } }, cat)).toThrow(InvalidFeaturesError);
    const { valence: _v, ...missing } = energetic;
    expect(() => recommend(m, { features: missing as TAudioFeatures }, cat)).toThrow(/valence/);
    expect(() => prepareLibrary(m, [{ trackId: "x", features: { ...energetic, energy: 3 } }])).toThrow(/catalog song x/);
    expect(() => prepareLibrary(m, [{ trackId: "x", features: energetic, cluster: 2 }])).toThrow(InvalidArgumentError);
  });

  it("refuses an unvalidated model whose centroids have the wrong width", () => {
    const broken = { ...m, centroids: m.centroids.map((c) => c.slice(0, 8)) } as TModelArtifact;
    expect(() => recommend(broken, { features: energetic }, songs)).toThrow(DimensionMismatchError);
  });

  it("refuses a library prepared for another model", () => {
    const cat = prepareLibrary(m, songs);
    expect(() => recommend(model("euclidean"), { features: energetic }, cat)).toThrow(/prepared for model/);
  });

  it("accepts a model whose feature order differs from FEATURE_NAMES", () => {
    const names = [...FEATURE_NAMES].reverse();
    const reversed = createModelArtifact({
      ...m,
      featureNames: names,
      scaler: { mean: [...mean].reverse(), scale: [...scale].reverse() },
      centroids: m.centroids.map((c) => [...c].reverse()),
    });
    const a = recommend(m, { features: energetic }, songs, { topN: 5 });
    const b = recommend(reversed, { features: energetic }, songs, { topN: 5 });
    expect(b.items.map((i) => i.trackId)).toEqual(a.items.map((i) => i.trackId));
    expect(b.scaledQuery).toEqual([...a.scaledQuery].reverse());
  });

  it("works for a model over a subset of the features (generic scan path)", () => {
    const names = ["energy", "acousticness", "tempo"];
    const sub = createModelArtifact({
      featureNames: names,
      scaler: { mean: [0.5, 0.3, 120], scale: [0.2, 0.3, 30] },
      k: 2,
      centroids: [
        [1, -1, 0.2],
        [-1, 1, -0.2],
      ],
      assignment: "cosine",
      inertia: 1,
      silhouette: 0.3,
      trainingRows: 100,
      trainingDataHash: "subset",
    });
    const r = recommend(sub, { features: energetic }, songs, { topN: 8 });
    const q = [(0.9 - 0.5) / 0.2, (0.02 - 0.3) / 0.3, (120 - 120) / 30];
    const vec = (f: TAudioFeatures) => [(f.energy - 0.5) / 0.2, (f.acousticness - 0.3) / 0.3, (f.tempo - 120) / 30];
    const oracle = songs
      .map((s, index) => ({ index, v: vec(s.features) }))
      .filter((x) => cosineSimilarity(x.v, sub.centroids[0]!) >= cosineSimilarity(x.v, sub.centroids[1]!))
      .map((x) => ({ index: x.index, similarity: cosineSimilarity(q, x.v) }))
      .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
      .slice(0, 8);
    expect(r.cluster).toBe(0);
    expect(r.items.map((i) => i.index)).toEqual(oracle.map((o) => o.index));
  });
});
