import { deriveClusterLabel } from "./cluster-label";
import { FEATURE_NAMES } from "./features";

describe("deriveClusterLabel", () => {
  it("names the two features with the largest |z|, high or low", () => {
    const centroid = [0.1, 1.3, 0.9, -0.2, -1.1, 0, 0.3, 0.2, 0.4];
    expect(deriveClusterLabel(centroid, FEATURE_NAMES)).toBe("energetic · electric");
    expect(deriveClusterLabel([0, 0, 0, 0, 0, 0, 0, -2, 1.5], FEATURE_NAMES)).toBe("melancholic · fast");
    expect(deriveClusterLabel([0, 0, 0, 3, 0, -2.5, 0, 0, 0], FEATURE_NAMES)).toBe("wordy · vocal");
  });

  it("has words for every feature in both directions", () => {
    const words = FEATURE_NAMES.flatMap((_, j) =>
      [1, -1].map((sign) =>
        deriveClusterLabel(
          FEATURE_NAMES.map((__, i) => (i === j ? sign : 0)),
          FEATURE_NAMES,
          1,
        ),
      ),
    );
    expect(words).toEqual([
      "danceable",
      "still",
      "energetic",
      "calm",
      "loud",
      "quiet",
      "wordy",
      "sung",
      "acoustic",
      "electric",
      "instrumental",
      "vocal",
      "live",
      "studio",
      "bright",
      "melancholic",
      "fast",
      "slow",
    ]);
  });

  it("breaks ties by feature order and describes unknown features plainly", () => {
    expect(deriveClusterLabel([1, -1, 1], ["danceability", "energy", "loudness"])).toBe("danceable · calm");
    expect(deriveClusterLabel([2, -3], ["key", "mode"])).toBe("low mode · high key");
  });
});
