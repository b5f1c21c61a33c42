// Parity with scikit-learn 1.2.1 on the 438 seed anime songs (reference numbers in fixtures/sklearn_anime_k5.json).
import {
  FEATURE_NAMES,
  StandardScaler,
  assignCluster,
  createModelArtifact,
  kmeans,
  prepareLibrary,
  recommend,
  silhouetteSamples,
  silhouetteScore,
} from "../src";
import { loadReference, loadSongs } from "./load-fixtures";

const ref = loadReference();
const songs = loadSongs("anime_songs.csv");
const samples = loadSongs("sample_search_songs.csv");
const raw = songs.map((s) => s.row);
const scaler = StandardScaler.fit(raw);
const X = scaler.transform(raw);

function sqDist(a: number[], b: number[]): number {
  return a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0);
}

describe("parity with scikit-learn", () => {
  it("reads the fixtures the reference was computed from", () => {
    expect(songs).toHaveLength(ref.n);
    expect(ref.features).toEqual([...FEATURE_NAMES]);
    expect(samples.map((s) => s.name)).toEqual(ref.sample.titles);
  });

  it("StandardScaler mean and scale equal sklearn's to 1e-9", () => {
    scaler.mean.forEach((v, j) => expect(Math.abs(v - ref.scaler.mean[j]!)).toBeLessThan(1e-9));
    scaler.scale.forEach((v, j) => expect(Math.abs(v - ref.scaler.scale[j]!)).toBeLessThan(1e-9));
    scaler
      .transform(samples.map((s) => s.row))
      .forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - ref.sample.scaled[i]![j]!)).toBeLessThan(1e-9)));
  });

  describe("k-means k=5, nInit=10, seed 0", () => {
    const result = kmeans(X, 5, { nInit: 10, seed: 0 });
    // Map each of our centroids to the nearest sklearn centroid: label numbers are arbitrary.
    const toSklearn = result.centroids.map((c) => {
      const d = ref.kmeans_k5.centroids.map((r) => sqDist(c, r));
      return d.indexOf(Math.min(...d));
    });

    it("reaches sklearn's inertia within 0.5%", () => {
      expect(result.inertia).toBeLessThanOrEqual(1.005 * ref.kmeans_k5.inertia);
      // Sanity: the reported inertia is the real one for the returned labels and centroids.
      const recomputed = X.reduce((s, row, i) => s + sqDist(row, result.centroids[result.labels[i]!]!), 0);
      expect(result.inertia).toBeCloseTo(recomputed, 8);
    });

    it("finds the same five clusters (one-to-one centroid match, nearly all songs agree)", () => {
      expect(new Set(toSklearn).size).toBe(5);
      const agree = result.labels.filter((l, i) => toSklearn[l] === ref.kmeans_k5.labels[i]).length;
      expect(agree / songs.length).toBeGreaterThan(0.95);
    });

    it("puts the five sample songs in sklearn's cosine clusters", () => {
      const ours = samples.map((s) => toSklearn[assignCluster(scaler.transformRow(s.row), result.centroids)]);
      expect(ours).toEqual(ref.sample.cluster_by_cosine);
    });
  });

  it("silhouette of sklearn's labels equals sklearn's score and samples to 1e-9", () => {
    expect(Math.abs(silhouetteScore(X, ref.kmeans_k5.labels) - ref.kmeans_k5.silhouette)).toBeLessThan(1e-9);
    const first10 = Array.from(silhouetteSamples(X, ref.kmeans_k5.labels).subarray(0, 10));
    first10.forEach((v, i) => expect(Math.abs(v - ref.kmeans_k5.silhouette_samples_first10[i]!)).toBeLessThan(1e-9));
  });

  describe("recommend with sklearn's scaler and centroids", () => {
    const model = createModelArtifact({
      featureNames: [...FEATURE_NAMES],
      scaler: ref.scaler,
      k: 5,
      centroids: ref.kmeans_k5.centroids,
      assignment: "cosine",
      inertia: ref.kmeans_k5.inertia,
      silhouette: ref.kmeans_k5.silhouette,
      trainingRows: ref.n,
      trainingDataHash: "sklearn-reference",
    });
    const byKmeansLabels = prepareLibrary(
      model,
      songs.map((s, i) => ({ trackId: s.id, features: s.features, cluster: ref.kmeans_k5.labels[i]! })),
    );
    const byCosine = prepareLibrary(
      model,
      songs.map((s) => ({ trackId: s.id, features: s.features })),
    );

    it.each(ref.recommendations.map((r, i) => [r.title, i] as const))("%s: same cluster, top-10 ids and cosines", (_title, i) => {
      const expected = ref.recommendations[i]!;
      const query = { trackId: samples[i]!.id, features: samples[i]!.features };
      for (const catalog of [byKmeansLabels, byCosine]) {
        const r = recommend(model, query, catalog, { topN: 10 });
        expect(r.cluster).toBe(expected.cluster);
        expect(r.items.map((x) => x.trackId)).toEqual(expected.top10_ids);
        r.items.forEach((x, j) => expect(Math.abs(x.similarity - expected.top10_cosine[j]!)).toBeLessThan(1e-9));
      }
    });

    it("the top 10 cannot tell the two memberships apart; deeper lists can", () => {
      // 17 songs' k-means label differs from their cosine-nearest centroid, but none of them scores above a sample's
      // tenth neighbour, so both memberships reproduce the reference. At depth 50 the rules give different lists.
      const differs = songs.filter(
        (s, i) => assignCluster(scaler.transformRow(s.row), ref.kmeans_k5.centroids) !== ref.kmeans_k5.labels[i],
      );
      expect(differs.length).toBeGreaterThan(0);
      const deep = samples.map((s) => {
        const a = recommend(model, { features: s.features }, byKmeansLabels, { topN: 50 }).items.map((x) => x.trackId);
        const b = recommend(model, { features: s.features }, byCosine, { topN: 50 }).items.map((x) => x.trackId);
        return a.join() === b.join();
      });
      expect(deep).toContain(false);
    });
  });

  it("k sweep: inertia within 1% of sklearn's for k = 2..12", () => {
    for (const { k, inertia } of ref.k_sweep) {
      expect(kmeans(X, k, { nInit: 10, seed: 0 }).inertia).toBeLessThanOrEqual(1.01 * inertia);
    }
  });
});
