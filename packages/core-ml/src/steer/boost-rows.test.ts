// Boosts are resolved to rows once per (library, map); a different map, or a map of another size, is resolved anew.
import type { TAudioFeatures } from "../features";
import { createModelArtifact } from "../model-artifact";
import { prepareLibrary } from "../prepare-library";
import { clusterBoosts } from "./boost-rows";
import { MAX_BOOST } from "./steering";
import { recommendSteered } from "./recommend-steered";

const model = createModelArtifact({
  featureNames: ["energy", "valence"],
  scaler: { mean: [0.5, 0.5], scale: [0.25, 0.25] },
  k: 2,
  centroids: [
    [1, 0],
    [0, 1],
  ],
  assignment: "cosine",
  inertia: 1,
  silhouette: 0,
  trainingRows: 4,
  trainingDataHash: "boosts",
});
const base: TAudioFeatures = {
  danceability: 0.5,
  energy: 0.5,
  loudness: -8,
  speechiness: 0.05,
  acousticness: 0.3,
  instrumentalness: 0.01,
  liveness: 0.15,
  valence: 0.5,
  tempo: 120,
};
/** A song at scaled (energy, valence) = (e, v). */
const song = (trackId: string, e: number, v: number) => ({
  trackId,
  features: { ...base, energy: 0.5 + 0.25 * e, valence: 0.5 + 0.25 * v },
});
// Cluster 0 in cosine order to the seed (2, 0): a 0.99, b 0.98, c 0.96; d is in cluster 1.
const songs = [song("a", 2, 0.3), song("b", 2, 0.4), song("c", 2, 0.58), song("d", 0, 2)];
const library = prepareLibrary(model, songs);
const seeds = [{ features: songs[0]!.features }];
const ids = (boosts: ReadonlyMap<string, number>) =>
  recommendSteered(model, { seeds }, library, { topN: 3, boosts }).items.map((i) => i.trackId);

describe("clusterBoosts", () => {
  it("maps each cluster's boosted rows to their clamped boosts, leaving out tracks not in the library", () => {
    const boosts = new Map([
      ["c", 0.2],
      ["d", -0.01],
      ["unknown", 0.04],
      ["a", -0.03],
    ]);
    const zero = clusterBoosts(library, boosts, 0);
    expect(Array.from(zero.rows)).toEqual([2, 0]);
    expect(Array.from(zero.boosts)).toEqual([MAX_BOOST, -0.03]);
    expect(Array.from(clusterBoosts(library, boosts, 1).rows)).toEqual([0]);
  });

  it("ranks by each map's own boosts when maps alternate on one library, and sees a map that grew", () => {
    const none = new Map<string, number>();
    const liftC = new Map([["c", 0.05]]);
    expect(ids(none)).toEqual(["b", "c"]); // the seed's own features (a) are left out
    expect(ids(liftC)).toEqual(["c", "b"]);
    expect(ids(none)).toEqual(["b", "c"]);
    const growing = new Map([["d", 0.05]]);
    expect(ids(growing)).toEqual(["b", "c"]);
    growing.set("c", 0.05);
    expect(ids(growing)).toEqual(["c", "b"]);
  });
});
