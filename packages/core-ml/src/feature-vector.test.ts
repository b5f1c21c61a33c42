import { featuresToVector } from "./feature-vector";
import { InvalidFeaturesError } from "./errors";
import type { TAudioFeatures } from "./features";

const levitating: TAudioFeatures = {
  danceability: 0.702,
  energy: 0.825,
  loudness: -3.787,
  speechiness: 0.0601,
  acousticness: 0.00883,
  instrumentalness: 0,
  liveness: 0.0674,
  valence: 0.915,
  tempo: 102.977,
};

describe("featuresToVector", () => {
  it("orders values by FEATURE_NAMES or by the given names", () => {
    expect(Array.from(featuresToVector(levitating))).toEqual([0.702, 0.825, -3.787, 0.0601, 0.00883, 0, 0.0674, 0.915, 102.977]);
    expect(Array.from(featuresToVector(levitating, ["tempo", "energy"]))).toEqual([102.977, 0.825]);
  });

  it("reports every invalid or missing feature", () => {
    const bad = { ...levitating, energy: Number.NaN, valence: 2 } as TAudioFeatures;
    const { tempo: _omit, ...missing } = levitating;
    try {
      featuresToVector(bad);
      throw new Error("should have thrown");
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidFeaturesError);
      expect((e as InvalidFeaturesError).issues).toHaveLength(2);
      expect((e as Error).message).toMatch(/energy/);
      expect((e as Error).message).toMatch(/valence/);
    }
    expect(() => featuresToVector(missing as TAudioFeatures)).toThrow(/tempo/);
    expect(() => featuresToVector({ ...levitating, tempo: "fast" } as unknown as TAudioFeatures)).toThrow(InvalidFeaturesError);
  });

  it("refuses unknown feature names", () => {
    expect(() => featuresToVector(levitating, ["energy", "key"])).toThrow(/unknown feature name\(s\): key/);
  });
});
