import { FEATURE_NAMES, ZAudioFeatures } from "./features";

describe("features", () => {
  it("lists the seed's nine features in model order", () => {
    expect(FEATURE_NAMES).toEqual([
      "danceability",
      "energy",
      "loudness",
      "speechiness",
      "acousticness",
      "instrumentalness",
      "liveness",
      "valence",
      "tempo",
    ]);
  });

  it("rejects NaN and out-of-range values", () => {
    const ok = {
      danceability: 0.7,
      energy: 0.8,
      loudness: -3.8,
      speechiness: 0.06,
      acousticness: 0.01,
      instrumentalness: 0,
      liveness: 0.07,
      valence: 0.9,
      tempo: 103,
    };
    expect(ZAudioFeatures.safeParse(ok).success).toBe(true);
    expect(ZAudioFeatures.safeParse({ ...ok, energy: Number.NaN }).success).toBe(false);
    expect(ZAudioFeatures.safeParse({ ...ok, valence: 1.5 }).success).toBe(false);
  });
});
