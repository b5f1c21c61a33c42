// Reference values: produced once with SciPy 1.17.1 (python3, numpy float64) and pasted here as literals.
// The script is quoted beside each block so it can be re-run; a hand check of the Welch case is in the README.
import {
  logGamma,
  meanConfidenceInterval,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  sampleVariance,
  studentTCdf,
  studentTQuantile,
  summarize,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
} from "./index";

// Two small samples of 1–5 star ratings.
const A = [4, 5, 3, 5, 4, 4, 5, 2, 5, 4];
const B = [3, 2, 4, 3, 1, 3, 4, 2, 3, 3, 2, 4];

describe("special functions", () => {
  it("log Γ matches scipy.special.gammaln", () => {
    // gammaln(0.5), gammaln(10.3), gammaln(171.5)
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247, 13);
    expect(logGamma(10.3)).toBeCloseTo(13.482036786138359, 12);
    expect(logGamma(171.5) / 709.1431630309283).toBeCloseTo(1, 13);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 13);
  });

  it("the regularized incomplete beta matches scipy.special.betainc", () => {
    // betainc(2.5, 0.5, 0.3), betainc(10, 3, 0.9), betainc(0.5, 0.5, 0.01)
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 14);
    expect(regularizedIncompleteBeta(0.9, 10, 3)).toBeCloseTo(0.889130022255, 12);
    expect(regularizedIncompleteBeta(0.01, 0.5, 0.5)).toBeCloseTo(0.06376856085851985, 14);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, -1, 3)).toBeNaN();
  });
});

describe("Student's t and the normal distribution", () => {
  // for df in (1, 2, 4.5, 9, 30, 1000): t.ppf(0.975, df), t.cdf(-2.5, df), t.cdf(0.7, df)
  const cases: [df: number, q975: number, cdfMinus25: number, cdf07: number][] = [
    [1, 12.706204736174694, 0.12111894159084341, 0.6944001122142147],
    [2, 4.302652729749462, 0.06480586011075541, 0.7218034876835673],
    [4.5, 2.6589123472044034, 0.029952843251100272, 0.7407801988441911],
    [9, 2.262157162798205, 0.016930913841492867, 0.7491904803919275],
    [30, 2.0422724563012378, 0.009057824534033344, 0.7553397782501642],
    [1000, 1.9623390808264083, 0.0062892839005454036, 0.7579549430036988],
  ];
  it.each(cases)("df = %p: quantile and CDF match scipy.stats.t", (df, q975, cdfMinus25, cdf07) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(q975, 10);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-q975, 10);
    expect(studentTCdf(-2.5, df)).toBeCloseTo(cdfMinus25, 12);
    expect(studentTCdf(2.5, df)).toBeCloseTo(1 - cdfMinus25, 12);
    expect(studentTCdf(0.7, df)).toBeCloseTo(cdf07, 12);
    expect(studentTCdf(0, df)).toBe(0.5);
  });

  it("the normal CDF and quantile match scipy.stats.norm", () => {
    // norm.ppf(0.975), norm.cdf(-1.3), norm.cdf(2.2)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10);
    expect(normalCdf(-1.3)).toBeCloseTo(0.09680048458561036, 14);
    expect(normalCdf(2.2)).toBeCloseTo(0.9860965524865014, 14);
  });

  it("refuses probabilities outside (0, 1) and non-positive degrees of freedom", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/degrees of freedom/);
    expect(() => normalQuantile(0)).toThrow(/probability/);
  });
});

describe("sample summaries and the confidence interval of a mean", () => {
  it("mean and sample variance match numpy (ddof = 1)", () => {
    // np.mean(A), np.var(A, ddof=1); the same for B
    expect(summarize(A)).toEqual({ n: 10, mean: 4.1, variance: expect.closeTo(0.9888888888888887, 14) });
    expect(summarize(B).mean).toBeCloseTo(2.8333333333333335, 14);
    expect(sampleVariance(B)).toBeCloseTo(0.8787878787878788, 14);
    expect(summarize([3])).toEqual({ n: 1, mean: 3, variance: 0 });
    expect(summarize([]).n).toBe(0);
  });

  it("the 95 % interval matches scipy.stats.t.interval(0.95, n − 1, loc=mean, scale=sem)", () => {
    const a = meanConfidenceInterval(summarize(A))!;
    expect(a.low).toBeCloseTo(3.388628400280501, 10);
    expect(a.high).toBeCloseTo(4.811371599719498, 10);
    const b = meanConfidenceInterval(summarize(B))!;
    expect(b.low).toBeCloseTo(2.237714364534198, 10);
    expect(b.high).toBeCloseTo(3.428952302132469, 10);
  });

  it("has no interval for fewer than two values, and a wider one at 99 %", () => {
    expect(meanConfidenceInterval({ n: 1, mean: 4, variance: 0 })).toBeNull();
    const i95 = meanConfidenceInterval(summarize(A))!;
    const i99 = meanConfidenceInterval(summarize(A), { level: 0.99 })!;
    expect(i99.high - i99.low).toBeGreaterThan(i95.high - i95.low);
    expect(() => meanConfidenceInterval(summarize(A), { level: 1 })).toThrow(/confidence level/);
  });
});

describe("Welch's t-test", () => {
  it("matches scipy.stats.ttest_ind(A, B, equal_var=False)", () => {
    // r = ttest_ind(A, B, equal_var=False): r.statistic, r.pvalue, r.df, r.confidence_interval(0.95)
    const r = welchTTest(summarize(A), summarize(B))!;
    expect(r.t).toBeCloseTo(3.053128926876729, 12);
    expect(r.df).toBeCloseTo(18.820731050351604, 11);
    expect(r.pValue).toBeCloseTo(0.006594666890016058, 13);
    expect(r.difference).toBeCloseTo(4.1 - 2.8333333333333335, 14);
    expect(r.interval.low).toBeCloseTo(0.3977633006911101, 10);
    expect(r.interval.high).toBeCloseTo(2.1355700326422222, 10);
  });

  it("matches a second, negative case: ttest_ind([1, 2, 3], [4, 5, 6, 7], equal_var=False)", () => {
    const r = welchTTest(summarize([1, 2, 3]), summarize([4, 5, 6, 7]))!;
    expect(r.t).toBeCloseTo(-4.041451884327381, 12);
    expect(r.df).toBeCloseTo(4.959183673469389, 12);
    expect(r.pValue).toBeCloseTo(0.01007694334798886, 13);
  });

  it("is symmetric and gives p = 1 for equal means", () => {
    const ab = welchTTest(summarize(A), summarize(B))!;
    const ba = welchTTest(summarize(B), summarize(A))!;
    expect(ba.t).toBeCloseTo(-ab.t, 14);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
    expect(welchTTest(summarize([1, 3]), summarize([2, 2, 2, 2]))!.pValue).toBeCloseTo(1, 14);
  });

  it("is null when a group has fewer than two ratings or no variance at all", () => {
    expect(welchTTest(summarize([5]), summarize(B))).toBeNull();
    expect(welchTTest(summarize([4, 4]), summarize([4, 4, 4]))).toBeNull();
  });
});

describe("like rates: Wilson intervals and the two-proportion test", () => {
  it("Wilson intervals match scipy.stats.binomtest(k, n).proportion_ci(0.95, method='wilson')", () => {
    const cases: [k: number, n: number, low: number, high: number][] = [
      [30, 50, 0.4618143774758936, 0.7239161026974346],
      [18, 45, 0.2702488656500916, 0.5454814540964861],
      [0, 10, 0, 0.27753279986288926],
      [10, 10, 0.7224672001371109, 1],
    ];
    for (const [successes, n, low, high] of cases) {
      const i = wilsonInterval({ successes, n })!;
      expect(i.low).toBeCloseTo(low, 10);
      expect(i.high).toBeCloseTo(high, 10);
    }
    expect(wilsonInterval({ successes: 0, n: 0 })).toBeNull();
    expect(() => wilsonInterval({ successes: 4, n: 3 })).toThrow(RangeError);
  });

  it("the z-test matches scipy.stats.chi2_contingency([[30, 20], [18, 27]], correction=False)", () => {
    // chi2 = 3.7898936170212765 = z², p = 0.05156292556423345
    const r = twoProportionZTest({ successes: 30, n: 50 }, { successes: 18, n: 45 })!;
    expect(r.z).toBeCloseTo(1.9467649105686275, 12);
    expect(r.z * r.z).toBeCloseTo(3.7898936170212765, 12);
    expect(r.pValue).toBeCloseTo(0.05156292556423345, 13);
    expect(r.difference).toBeCloseTo(0.6 - 0.4, 14);
  });

  it("is null with an empty group or when every vote is the same", () => {
    expect(twoProportionZTest({ successes: 0, n: 0 }, { successes: 3, n: 5 })).toBeNull();
    expect(twoProportionZTest({ successes: 4, n: 4 }, { successes: 5, n: 5 })).toBeNull();
  });
});
