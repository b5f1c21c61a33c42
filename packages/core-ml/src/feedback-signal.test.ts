import { InvalidArgumentError } from "./errors";
import { applyBoosts, computeFeedbackSignal, DEFAULT_FEEDBACK_SIGNAL } from "./feedback-signal";
import { createRandom } from "./random";

// Two well-liked neighbours and one song 40 listeners rejected: 60 likes of 120 votes, prior (60+1)/(120+2) = 0.5.
const VOTES = [
  { trackId: "rejected", likes: 0, dislikes: 40 },
  { trackId: "liked-1", likes: 30, dislikes: 10 },
  { trackId: "liked-2", likes: 30, dislikes: 10 },
];

describe("computeFeedbackSignal", () => {
  it("matches the hand-computed smoothed rates and adjustments", () => {
    const signal = computeFeedbackSignal(VOTES);
    expect(signal.priorRate).toBe(0.5);
    const [rejected, liked] = signal.songs;
    // r = (0 + 10·0.5) / (40 + 10) = 0.1;  0.05 · (0.1 − 0.5) / 0.5 = −0.04
    expect(rejected).toMatchObject({ votes: 40, likeRate: 0, smoothedRate: 0.1 });
    expect(rejected!.adjustment).toBeCloseTo(-0.04, 12);
    // r = (30 + 5) / 50 = 0.7;  0.05 · (0.7 − 0.5) / (1 − 0.5) = +0.02
    expect(liked).toMatchObject({ votes: 40, likeRate: 0.75, smoothedRate: 0.7 });
    expect(liked!.adjustment).toBeCloseTo(0.02, 12);
    expect([...signal.boosts.keys()]).toEqual(["rejected", "liked-1", "liked-2"]);
  });

  it("moves nothing on one vote, nor below the minimum number of votes", () => {
    const one = computeFeedbackSignal([...VOTES, { trackId: "one-vote", likes: 0, dislikes: 1 }]);
    expect(one.songs[3]!.adjustment).toBe(0);
    expect(one.boosts.has("one-vote")).toBe(false);
    const four = computeFeedbackSignal([...VOTES, { trackId: "four", likes: 0, dislikes: 4 }]);
    expect(four.boosts.has("four")).toBe(false);
    const five = computeFeedbackSignal([...VOTES, { trackId: "five", likes: 0, dislikes: 5 }]);
    expect(five.boosts.get("five")).toBeLessThan(0);
    // a song whose votes match the prior exactly gets no boost either
    expect(computeFeedbackSignal([{ trackId: "even", likes: 10, dislikes: 10 }]).boosts.size).toBe(0);
  });

  it("drops a song 40 listeners rejected below its neighbour; one reject does not", () => {
    const candidates = [
      { trackId: "rejected", similarity: 0.95 },
      { trackId: "liked-1", similarity: 0.93 },
      { trackId: "plain", similarity: 0.92 },
    ];
    const { boosts } = computeFeedbackSignal(VOTES);
    const ranked = applyBoosts(candidates, boosts, 3);
    // 0.93 + 0.02 = 0.95, plain 0.92, 0.95 − 0.04 = 0.91: below both neighbours
    expect(ranked.map((i) => i.trackId)).toEqual(["liked-1", "plain", "rejected"]);
    expect(ranked[0]).toMatchObject({ similarity: 0.93 }); // the stored similarity stays the cosine
    expect(ranked[0]!.adjustment).toBeCloseTo(0.02, 12);

    const oneReject = computeFeedbackSignal([{ trackId: "rejected", likes: 0, dislikes: 1 }]);
    expect(applyBoosts(candidates, oneReject.boosts, 3).map((i) => i.trackId)).toEqual(["rejected", "liked-1", "plain"]);
  });

  it("keeps every adjustment within ±maxAdjustment, even for overwhelming votes", () => {
    const random = createRandom(7);
    const votes = Array.from({ length: 500 }, (_, i) => ({
      trackId: `t${i}`,
      likes: Math.floor(random.next() * (i % 3 === 0 ? 100_000 : 50)),
      dislikes: Math.floor(random.next() * (i % 5 === 0 ? 100_000 : 50)),
    }));
    votes.push({ trackId: "all-no", likes: 0, dislikes: 1_000_000 }, { trackId: "all-yes", likes: 1_000_000, dislikes: 0 });
    for (const maxAdjustment of [0.05, 0.2]) {
      const signal = computeFeedbackSignal(votes, { maxAdjustment });
      for (const s of signal.songs) expect(Math.abs(s.adjustment)).toBeLessThanOrEqual(maxAdjustment);
      expect(signal.boosts.get("all-no")).toBeLessThan(-0.9 * maxAdjustment);
      expect(signal.boosts.get("all-yes")).toBeGreaterThan(0.9 * maxAdjustment);
    }
  });

  it("lets a stronger prior damp the same votes", () => {
    const weak = computeFeedbackSignal(VOTES, { priorStrength: 1 }).boosts.get("rejected")!;
    const strong = computeFeedbackSignal(VOTES, { priorStrength: 100 }).boosts.get("rejected")!;
    // 0.05 · 40/41 · (−1) and 0.05 · 40/140 · (−1)
    expect(weak).toBeCloseTo((-0.05 * 40) / 41, 12);
    expect(strong).toBeCloseTo((-0.05 * 40) / 140, 12);
    expect(DEFAULT_FEEDBACK_SIGNAL).toEqual({ priorStrength: 10, minVotes: 5, maxAdjustment: 0.05 });
  });

  it("refuses bad options and vote counts", () => {
    expect(() => computeFeedbackSignal(VOTES, { priorStrength: 0 })).toThrow(InvalidArgumentError);
    expect(() => computeFeedbackSignal(VOTES, { maxAdjustment: 2 })).toThrow(InvalidArgumentError);
    expect(() => computeFeedbackSignal(VOTES, { minVotes: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => computeFeedbackSignal([{ trackId: "x", likes: -1, dislikes: 0 }])).toThrow(/counts ≥ 0/);
    expect(() => computeFeedbackSignal([{ trackId: "x", likes: 1.5, dislikes: 0 }])).toThrow(InvalidArgumentError);
  });
});

describe("applyBoosts", () => {
  it("keeps the candidates' order without boosts and on ties, and cuts at topN", () => {
    const candidates = [
      { trackId: "a", similarity: 0.9 },
      { trackId: "b", similarity: 0.8 },
      { trackId: "c", similarity: 0.8 },
    ];
    expect(applyBoosts(candidates, new Map(), 10).map((i) => i.trackId)).toEqual(["a", "b", "c"]);
    expect(applyBoosts(candidates, new Map([["c", 0.1]]), 2).map((i) => [i.trackId, i.adjustment])).toEqual([
      ["a", 0],
      ["c", 0.1],
    ]);
    expect(applyBoosts(candidates, new Map(), 0)).toEqual([]);
  });
});
