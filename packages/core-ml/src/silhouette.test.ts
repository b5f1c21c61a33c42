import { silhouetteSamples, silhouetteScore } from "./silhouette";
import { InvalidLabelsError, DimensionMismatchError } from "./errors";

// Textbook O(n²) definition, used as the oracle.
function naive(data: number[][], labels: number[]): number[] {
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0));
  const ids = [...new Set(labels)];
  return data.map((x, i) => {
    const own = labels[i]!;
    const same = data.filter((_, j) => labels[j] === own && j !== i);
    if (same.length === 0) return 0;
    const a = same.reduce((s, y) => s + dist(x, y), 0) / same.length;
    const b = Math.min(
      ...ids
        .filter((l) => l !== own)
        .map((l) => {
          const members = data.filter((_, j) => labels[j] === l);
          return members.reduce((s, y) => s + dist(x, y), 0) / members.length;
        }),
    );
    const s = (b - a) / Math.max(a, b);
    return Number.isNaN(s) ? 0 : s;
  });
}

describe("silhouette", () => {
  const data = [
    [0, 0],
    [0, 1],
    [1, 0],
    [8, 8],
    [9, 8],
    [8, 9],
    [4, 5],
    [20, 0],
  ];

  it("matches the textbook definition, including a single-member cluster scoring 0", () => {
    const labels = [0, 0, 0, 1, 1, 1, 0, 2];
    const expected = naive(data, labels);
    const got = Array.from(silhouetteSamples(data, labels));
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    expect(got[7]).toBe(0);
    expect(silhouetteScore(data, labels)).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / expected.length, 12);
  });

  it("does not depend on the label values, only the partition", () => {
    const a = silhouetteScore(data, [0, 0, 0, 1, 1, 1, 0, 2]);
    const b = silhouetteScore(data, [7, 7, 7, -3, -3, -3, 7, 42]);
    expect(b).toBe(a);
  });

  it("scores duplicate points 0 instead of NaN", () => {
    const s = silhouetteSamples(
      [
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      [0, 0, 1, 1],
    );
    expect(Array.from(s)).toEqual([0, 0, 0, 0]);
  });

  it("refuses fewer than 2 or more than n-1 distinct labels and mismatched lengths", () => {
    expect(() =>
      silhouetteScore(
        data,
        data.map(() => 0),
      ),
    ).toThrow(InvalidLabelsError);
    expect(() =>
      silhouetteScore(
        data,
        data.map((_, i) => i),
      ),
    ).toThrow(/2 to n-1 = 7/);
    expect(() => silhouetteScore(data, [0, 1])).toThrow(DimensionMismatchError);
    expect(() => silhouetteScore(data, [0, 0, 0, 1, 1, 1, 0, Number.NaN])).toThrow(InvalidLabelsError);
  });

  it("agrees with the oracle on a larger random problem", () => {
    let seed = 1;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pts = Array.from({ length: 120 }, () => [rand() * 10, rand() * 10, rand() * 10]);
    const labels = pts.map((p) => (p[0]! < 3 ? 0 : p[0]! < 6 ? 1 : p[1]! < 5 ? 2 : 3));
    const expected = naive(pts, labels);
    Array.from(silhouetteSamples(pts, labels)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it("the nine-feature path agrees with the oracle and with the generic path", () => {
    let seed = 5;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pts = Array.from({ length: 90 }, () => Array.from({ length: 9 }, () => rand() * 6 - 3));
    const labels = pts.map((p) => (p[0]! < -1 ? 0 : p[1]! < 0 ? 1 : 2));
    const expected = naive(pts, labels);
    const fast = Array.from(silhouetteSamples(pts, labels));
    const generic = Array.from(
      silhouetteSamples(
        pts.map((p) => [...p, 0]),
        labels,
      ),
    );
    fast.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 12);
      expect(v).toBeCloseTo(generic[i]!, 12);
    });
  });
});
