import { StandardScaler } from "./scaler";
import { DimensionMismatchError } from "./errors";

describe("StandardScaler", () => {
  const rows = [
    [1, 10, 5],
    [2, 20, 5],
    [3, 30, 5],
    [6, 60, 5],
  ];

  it("uses the population standard deviation and gives constant columns scale 1", () => {
    const s = StandardScaler.fit(rows);
    expect(s.mean).toEqual([3, 30, 5]);
    // population variance of 1,2,3,6 is (4+1+0+9)/4 = 3.5
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(s.scale[1]).toBeCloseTo(10 * Math.sqrt(3.5), 12);
    expect(s.scale[2]).toBe(1);
    const t = s.transform(rows);
    expect(t.every((r) => r.every(Number.isFinite))).toBe(true);
    expect(t.map((r) => r[2])).toEqual([0, 0, 0, 0]);
    const colMean = t.reduce((a, r) => a + r[0]!, 0) / t.length;
    const colVar = t.reduce((a, r) => a + r[0]! ** 2, 0) / t.length;
    expect(colMean).toBeCloseTo(0, 14);
    expect(colVar).toBeCloseTo(1, 14);
  });

  it("treats a column that is constant up to round-off as constant", () => {
    const s = StandardScaler.fit([[0.1 + 0.2], [0.3], [0.30000000000000004]]);
    expect(s.scale[0]).toBe(1);
  });

  it("inverts its transform", () => {
    const s = StandardScaler.fit(rows);
    const back = s.inverseTransform(s.transform(rows));
    back.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(rows[i]![j]!, 12)));
  });

  it("round-trips through JSON and validates it", () => {
    const s = StandardScaler.fit(rows);
    const copy = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(copy.mean).toEqual(s.mean);
    expect(copy.scale).toEqual(s.scale);
    expect(Array.from(copy.transformRow([2, 20, 5]))).toEqual(Array.from(s.transformRow([2, 20, 5])));
    expect(() => StandardScaler.fromJSON({ mean: [0, 1], scale: [1] })).toThrow(/same length/);
    expect(() => StandardScaler.fromJSON({ mean: [0], scale: [0] })).toThrow();
    expect(() => StandardScaler.fromJSON({ mean: [Number.NaN], scale: [1] })).toThrow();
  });

  it("refuses ragged rows, wrong widths and non-finite values", () => {
    expect(() => StandardScaler.fit([[1, 2], [3]])).toThrow(DimensionMismatchError);
    expect(() => StandardScaler.fit([[1, Number.NaN]])).toThrow(/finite/);
    expect(() => StandardScaler.fit([])).toThrow(/zero rows/);
    expect(() => StandardScaler.fit(rows).transformRow([1, 2])).toThrow(DimensionMismatchError);
  });

  it("scales flat matrices like rows", () => {
    const s = StandardScaler.fit(rows);
    expect(Array.from(s.transformFlat(Float64Array.from(rows.flat())))).toEqual(s.transform(rows).flat());
  });
});
