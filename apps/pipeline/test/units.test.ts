import { renderSweepSvg } from "../src";
import { sampleSilhouette } from "../src/steps/evaluate";

describe("sampleSilhouette", () => {
  const pts = [
    [0, 0],
    [0, 1],
    [5, 5],
    [5, 6],
    [9, 9],
  ];
  it("is the silhouette when 2 ≤ distinct labels ≤ n − 1", () => {
    expect(sampleSilhouette(pts, [0, 0, 1, 1, 1]).value).toBeGreaterThan(0.5);
  });
  it("says why it is undefined for one cluster or one cluster per song", () => {
    expect(sampleSilhouette(pts, [2, 2, 2, 2, 2])).toEqual({
      value: null,
      note: "all 5 sample songs fell in one cluster (2): silhouette is undefined",
    });
    expect(sampleSilhouette(pts, [0, 1, 2, 3, 4]).note).toBe("each of the 5 sample songs is in its own cluster: silhouette is undefined");
  });
});

describe("renderSweepSvg", () => {
  it("draws inertia and silhouette against k and names the best k", () => {
    const svg = renderSweepSvg(
      [
        { k: 2, inertia: 2189.9, silhouette: 0.3976 },
        { k: 3, inertia: 1894, silhouette: 0.3289 },
        { k: 4, inertia: 1665, silhouette: 0.2379 },
      ],
      "sweep <seed>",
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const inertia = /class="inertia"[^>]*points="([^"]+)"/.exec(svg)![1]!.split(" ");
    const sil = /class="silhouette"[^>]*points="([^"]+)"/.exec(svg)![1]!.split(" ");
    expect(inertia).toHaveLength(3);
    // both series fall: y grows downwards in SVG
    const ys = (p: string[]) => p.map((xy) => Number(xy.split(",")[1]));
    expect(ys(inertia)).toEqual([...ys(inertia)].sort((a, b) => a - b));
    expect(ys(sil)).toEqual([...ys(sil)].sort((a, b) => a - b));
    expect(svg).toContain("best k = 2: 0.398");
    expect(svg).toContain("<title>sweep &lt;seed&gt;</title>");
    expect(() => renderSweepSvg([])).toThrow("no sweep points");
  });
});
