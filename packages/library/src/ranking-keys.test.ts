import type { TAudioFeatures } from "@anisong/core-ml";
import { rankingKeysOf, type TKeyedInput } from "./ranking-keys";

const f = (energy: number): TAudioFeatures => ({
  danceability: 0.5,
  energy,
  loudness: -5,
  speechiness: 0.05,
  acousticness: 0.1,
  instrumentalness: 0,
  liveness: 0.1,
  valence: 0.5,
  tempo: 120,
});
const song = (trackId: string, title: string, artists: string[], energy: number, durationMs: number | null = 200_000): TKeyedInput => ({
  trackId,
  title,
  artists,
  features: f(energy),
  durationMs,
});

describe("rankingKeysOf", () => {
  it("joins versions of one song (folded title + lead artist) and keeps the lead artist as artistKey", () => {
    const keys = rankingKeysOf([
      song("1", "紅蓮華", ["LiSA"], 0.9),
      song("2", "紅蓮華 (TV Size)", ["LiSA"], 0.8, 89_000),
      song("3", "紅蓮華 - 2020 Remaster", ["LiSA", "Someone"], 0.7),
      song("4", "紅蓮華", ["Cover Band"], 0.6),
    ]);
    expect(new Set(keys.slice(0, 3).map((k) => k.songKey)).size).toBe(1);
    expect(keys[3]!.songKey).not.toBe(keys[0]!.songKey);
    expect(keys.map((k) => k.artistKey)).toEqual(["lisa", "lisa", "lisa", "cover band"]);
  });

  it("joins one recording under two ids even without artists (明け星 ×2), not different recordings", () => {
    const keys = rankingKeysOf([
      song("a", "明け星", [], 0.81, 220_000),
      song("b", "明け星", [], 0.81, 220_900),
      song("c", "明け星", [], 0.5, 220_000),
    ]);
    expect(keys[0]!.songKey).toBe(keys[1]!.songKey);
    expect(keys[2]!.songKey).not.toBe(keys[0]!.songKey);
    expect(keys[0]!.artistKey).toBeUndefined();
  });

  it("takes a given songKey as is", () => {
    const keys = rankingKeysOf([
      { ...song("x", "A", ["B"], 0.3), songKey: "from-db" },
      { ...song("y", "Other", ["B"], 0.4), songKey: "from-db" },
    ]);
    expect(keys.map((k) => k.songKey)).toEqual(["from-db", "from-db"]);
  });
});
