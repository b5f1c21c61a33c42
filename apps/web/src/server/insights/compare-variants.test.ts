import { compareVariants, formatP, verdict } from "./compare-variants";

// Stars of the two samples in core-ml's stats test (scipy: t = 3.0531, p = 0.006595 for A against B):
// A = 4 5 3 5 4 4 5 2 5 4 (n 10, mean 4.1, variance 0.98889), B = 3 2 4 3 1 3 4 2 3 3 2 4 (n 12, mean 2.8333, variance 0.87879).
const control = {
  name: "a",
  modelId: "m1",
  feedbackSignal: false,
  recommendations: 14,
  ratings: { n: 12, mean: 2.8333333333333335, variance: 0.8787878787878788 },
  likes: 18,
  dislikes: 27,
};
const treatment = {
  name: "b",
  modelId: "m1",
  feedbackSignal: true,
  recommendations: 11,
  ratings: { n: 10, mean: 4.1, variance: 0.9888888888888887 },
  likes: 30,
  dislikes: 20,
};

describe("compareVariants", () => {
  it("tests each variant against the first, with the scipy reference figures", () => {
    const [a, b] = compareVariants([control, treatment]);
    expect(a!.versusControl).toBeNull();
    expect(a!.meanInterval!.low).toBeCloseTo(2.237714364534198, 9);
    expect(b!.meanInterval!.high).toBeCloseTo(4.811371599719498, 9);
    expect(b!.versusControl!.meanDifference).toBeCloseTo(1.2666666666666666, 12);
    expect(b!.versusControl!.stars).toMatchObject({ significant: true, pValue: expect.closeTo(0.006594666890016058, 12) });
    expect(b!.versusControl!.stars!.statistic).toBeCloseTo(3.053128926876729, 11);
    // like rates 30/50 against 18/45: chi2_contingency(correction=False) p = 0.05156 — not significant at 5 %.
    expect(b!.likeRate).toBe(0.6);
    expect(b!.versusControl!.likeRate).toMatchObject({ significant: false, pValue: expect.closeTo(0.05156292556423345, 12) });
    expect(b!.likeRateInterval!.low).toBeCloseTo(0.4618143774758936, 9);
    expect(a!.votes).toBe(45);
  });

  it("says plainly when there is too little data", () => {
    const empty = { ...treatment, ratings: { n: 1, mean: 5, variance: 0 }, likes: 0, dislikes: 0 };
    const [, b] = compareVariants([control, empty]);
    expect(b!.meanInterval).toBeNull();
    expect(b!.likeRate).toBeNull();
    expect(b!.versusControl!.stars).toBeNull();
    expect(verdict(b!.versusControl!.stars, "mean rating")).toBe("Not enough data to test the mean rating.");
    const [, full] = compareVariants([control, treatment]);
    expect(verdict(full!.versusControl!.stars, "mean rating")).toBe("Yes — the mean rating differs at the 5 % level (p = 0.007).");
    expect(verdict(full!.versusControl!.likeRate, "like rate")).toBe("No — the like rate difference could be chance (p = 0.052).");
    expect(formatP(0.0004)).toBe("< 0.001");
  });
});
