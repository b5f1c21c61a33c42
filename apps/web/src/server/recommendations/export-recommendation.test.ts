import type { TStoredRecommendationResponse } from "../../lib/api-types";
import { recommendationCsv, recommendationJson } from "./export-recommendation";

const features = {
  danceability: 0.5,
  energy: 0.5,
  loudness: -5,
  speechiness: 0.05,
  acousticness: 0.1,
  instrumentalness: 0,
  liveness: 0.1,
  valence: 0.5,
  tempo: 120,
};

function rec(title: string, artists: string[]): TStoredRecommendationResponse {
  const item = {
    rank: 1,
    trackId: "06XQvnJb53SUYmlWIhUXUi",
    title,
    artists,
    album: "A, with comma",
    similarity: 0.987654,
    seedSimilarities: [0.98],
    cluster: { index: 0, label: "x" },
    features,
    spotifyUrl: "https://open.spotify.com/track/06XQvnJb53SUYmlWIhUXUi",
    kind: "original",
    animeTitle: "進撃の巨人",
  };
  return {
    id: "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b",
    createdAt: "2026-12-04T10:00:00.000Z",
    modelVersion: "m",
    query: {
      track: { id: "5nujrmhLynf4yMoMtj8AQF", title: "Levitating", artists: ["Dua Lipa"], album: null, year: null, spotifyUrl: "" },
      features,
      source: "catalog",
      sourceLabel: "",
      attempts: [],
      matchedBy: "id",
      candidates: [],
      ambiguous: false,
    },
    cluster: { index: 0, label: "x", size: 1 },
    featureNames: [],
    kinds: ["original"],
    options: { seeds: [], avoid: [], targets: {}, tempoRange: null, variety: null, maxPerArtist: 2, topN: 1 },
    items: [item],
    rating: { id: "r", recommendationId: "x", stars: 5, comment: "mine", createdAt: "" },
  };
}

test("the CSV quotes commas and line breaks and defuses formulas in every text cell", () => {
  const csv = recommendationCsv(rec('=HYPERLINK("http://x","y")\nline two', ["@evil", "+ok"]));
  const [header, ...rest] = csv.split("\r\n");
  expect(header).toBe("rank,title,artists,album,anime,kind,similarity,spotify_url,track_id");
  expect(rest.join("\r\n")).toBe(
    `1,"'=HYPERLINK(""http://x"",""y"")\nline two","'@evil, +ok","A, with comma",進撃の巨人,original,0.9877,https://open.spotify.com/track/06XQvnJb53SUYmlWIhUXUi,06XQvnJb53SUYmlWIhUXUi\r\n`,
  );
});

test("the JSON holds the list and its options, not the listener's rating", () => {
  const json = recommendationJson(rec("Song", ["A"]));
  expect(json).toMatchObject({
    id: "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b",
    permalink: "/recommendations/3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b",
  });
  expect(json.items).toEqual([expect.objectContaining({ rank: 1, title: "Song", similarity: 0.987654, seedSimilarities: [0.98] })]);
  expect(JSON.stringify(json)).not.toContain("mine");
});
