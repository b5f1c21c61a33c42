import { InvalidArgumentError } from "./errors";
import { fitProjection, symmetricEigen } from "./pca";

describe("fitProjection", () => {
  test("finds the direction of largest spread first and projects new rows with the same axes", () => {
    // Points spread along (1, 1, 0) with a little noise along (1, -1, 0) and none on the third axis.
    const rows = [-3, -2, -1, 0, 1, 2, 3].flatMap((t, i) => {
      const e = i % 2 === 0 ? 0.1 : -0.1;
      return [[t + e, t - e, 0]];
    });
    const p = fitProjection(rows);
    expect(p.explained[0]).toBeGreaterThan(0.99);
    expect(p.explained[0] + p.explained[1]).toBeCloseTo(1, 10);
    expect(Math.abs(p.components[0][0]!)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(Math.abs(p.components[0][1]!)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(p.components[0][2]!).toBeCloseTo(0, 10);
    // The largest loading is made positive, so the map does not flip between runs.
    expect(Math.max(...p.components[0].map(Math.abs))).toBe(Math.max(...p.components[0]));
    const far = p.project([10, 10, 0]);
    expect(far.x).toBeCloseTo(10 * Math.SQRT2, 1);
    expect(Math.abs(far.y)).toBeLessThan(0.5);
  });

  test("refuses fewer than two rows", () => {
    expect(() => fitProjection([[1, 2]])).toThrow();
  });
});

describe("symmetricEigen", () => {
  test("returns unit eigenvectors that rebuild the matrix (A v = λ v)", () => {
    const a = [
      [4, 1, -2, 0.5],
      [1, 3, 0, 1],
      [-2, 0, 5, -1],
      [0.5, 1, -1, 2],
    ];
    const { values, vectors } = symmetricEigen(a);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(14, 12); // trace
    values.forEach((lambda, i) => {
      const v = vectors[i]!;
      expect(Math.hypot(...v)).toBeCloseTo(1, 12);
      a.forEach((row, r) => expect(row.reduce((s, x, c) => s + x * v[c]!, 0)).toBeCloseTo(lambda * v[r]!, 10));
    });
  });

  test("refuses a matrix that is not square", () => {
    expect(() => symmetricEigen([[1, 2]])).toThrow(InvalidArgumentError);
  });
});
