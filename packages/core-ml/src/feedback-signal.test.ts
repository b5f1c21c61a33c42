import { InvalidArgumentError } from "./errors";
import { computeFeedbackSignal, DEFAULT_FEEDBACK_SIGNAL } from "./feedback-signal";
import type { TAudioFeatures } from "./features";
import { createModelArtifact } from "./model-artifact";
import type { TLibrarySong } from "./prepare-library";
import { createRandom } from "./random";
import { recommendSteered } from "./steer/recommend-steered";

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

  it("drops a song 40 listeners rejected below its neighbour in the ranking; one reject does not", () => {
    // One cluster on two features scaled as z = (x − 0.5) / 0.25; the seed points along energy, and each song sits at
    // the angle whose cosine to the seed is its similarity: 0.95, 0.93 and 0.92.
    const model = createModelArtifact({
      featureNames: ["energy", "valence"],
      scaler: { mean: [0.5, 0.5], scale: [0.25, 0.25] },
      k: 1,
      centroids: [[1, 0]],
      assignment: "cosine",
      inertia: 1,
      silhouette: 0,
      trainingRows: 3,
      trainingDataHash: "feedback-signal-test",
    });
    const at = (cos: number): TAudioFeatures => ({
      ...{ danceability: 0.5, loudness: -8, speechiness: 0.05, acousticness: 0.3, instrumentalness: 0, liveness: 0.1, tempo: 120 },
      energy: 0.5 + 0.25 * cos,
      valence: 0.5 + 0.25 * Math.sqrt(1 - cos * cos),
    });
    const songs: TLibrarySong[] = [
      { trackId: "rejected", features: at(0.95), cluster: 0 },
      { trackId: "liked-1", features: at(0.93), cluster: 0 },
      { trackId: "plain", features: at(0.92), cluster: 0 },
    ];
    const steering = { seeds: [{ trackId: "seed", features: at(1) }] };
    const { boosts } = computeFeedbackSignal(VOTES);
    const ranked = recommendSteered(model, steering, songs, { topN: 3, boosts }).items;
    // 0.93 + 0.02 = 0.95, plain 0.92, 0.95 − 0.04 = 0.91: below both neighbours
    expect(ranked.map((i) => i.trackId)).toEqual(["liked-1", "plain", "rejected"]);
    expect(ranked[0]!.similarity).toBeCloseTo(0.93, 12); // the reported similarity stays the cosine

    const oneReject = computeFeedbackSignal([{ trackId: "rejected", likes: 0, dislikes: 1 }]);
    const unmoved = recommendSteered(model, steering, songs, { topN: 3, boosts: oneReject.boosts }).items;
    expect(unmoved.map((i) => i.trackId)).toEqual(["rejected", "liked-1", "plain"]);
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
