import { cosineSimilarity } from "./cosine";
import { assignCluster } from "./assign-cluster";
import { topNSimilar, TopN } from "./top-n";
import { DimensionMismatchError } from "./errors";

describe("cosineSimilarity", () => {
  it("measures the angle, not the length", () => {
    expect(cosineSimilarity([1, 0], [5, 0])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 0], [0, 3])).toBeCloseTo(0, 15);
    expect(cosineSimilarity([1, 1], [-2, -2])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([1, 2, 3], [4, 5, 6])).toBeCloseTo(32 / (Math.sqrt(14) * Math.sqrt(77)), 15);
  });

  it("is 0 for a zero vector and refuses mismatched lengths", () => {
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(DimensionMismatchError);
  });
});

describe("assignCluster", () => {
  const centroids = [
    [1, 0],
    [10, 10],
  ];

  it("picks by angle with cosine and by distance with euclidean", () => {
    // [2, 1.5] is closest to [1, 0] in distance but points more towards [10, 10].
    expect(assignCluster([2, 1.5], centroids)).toBe(1);
    expect(assignCluster([2, 1.5], centroids, { metric: "euclidean" })).toBe(0);
  });

  it("breaks ties towards the lower index and validates input", () => {
    expect(
      assignCluster(
        [1, 1],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toBe(0);
    expect(() => assignCluster([1, 2, 3], centroids)).toThrow(DimensionMismatchError);
    expect(() => assignCluster([Number.NaN, 1], centroids)).toThrow(/finite/);
    expect(() => assignCluster([1, 1], [])).toThrow(/no centroids/);
  });
});

describe("topNSimilar", () => {
  const candidates = [
    [1, 0], // 0: 0.707
    [1, 1], // 1: 1
    [0, 1], // 2: 0.707 (ties with 0)
    [-1, -1], // 3: -1
    [2, 2], // 4: 1 (ties with 1)
  ];

  it("ranks best first with ties in index order", () => {
    const r = topNSimilar([1, 1], candidates, 4);
    expect(r.map((x) => x.index)).toEqual([1, 4, 0, 2]);
    expect(r[0]!.score).toBeCloseTo(1, 15);
    expect(r[2]!.score).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("excludes indices, handles n beyond the candidates and n <= 0", () => {
    expect(topNSimilar([1, 1], candidates, 2, { exclude: [1] }).map((x) => x.index)).toEqual([4, 0]);
    expect(topNSimilar([1, 1], candidates, 99).map((x) => x.index)).toEqual([1, 4, 0, 2, 3]);
    expect(topNSimilar([1, 1], candidates, 0)).toEqual([]);
    expect(topNSimilar([1, 1], candidates, -3)).toEqual([]);
    expect(topNSimilar([1, 1], [], 3)).toEqual([]);
  });

  it("agrees with a full sort on random data", () => {
    const cands = Array.from({ length: 300 }, (_, i) => [Math.sin(i * 1.7), Math.cos(i * 0.3), ((i * 37) % 11) - 5]);
    const q = [0.3, -0.2, 0.9];
    const full = cands
      .map((c, index) => ({ index, score: cosineSimilarity(q, c) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 25);
    expect(topNSimilar(q, cands, 25)).toEqual(full);
  });

  it("TopN keeps ties stable even when fed out of order", () => {
    const t = new TopN(2);
    t.push(5, 1);
    t.push(3, 1);
    t.push(9, 1);
    expect(t.toArray()).toEqual([
      { index: 3, score: 1 },
      { index: 5, score: 1 },
    ]);
  });
});
