import { fromSearchParams, resultsHref, toResultsHref } from "./result-query";

describe("search form → results URL → request", () => {
  test("title and artist, either alone, never neither", () => {
    expect(toResultsHref({ title: " Levitating ", artist: "" })).toBe("/results?title=Levitating");
    expect(toResultsHref({ title: "", artist: "Dua Lipa" })).toBe("/results?artist=Dua+Lipa");
    expect(toResultsHref({ title: "  ", artist: "\t" })).toBeNull();
  });

  test("a pasted Spotify link becomes a track query", () => {
    const link = "https://open.spotify.com/track/5nujrmhLynf4yMoMtj8AQF?si=1";
    const href = toResultsHref({ title: link, artist: "ignored" })!;
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(params).toEqual({ track: link });
    expect(fromSearchParams(params)).toEqual({ trackId: link });
    expect(fromSearchParams({ track: "spotify:track:5nujrmhLynf4yMoMtj8AQF" })).toEqual({
      trackId: "spotify:track:5nujrmhLynf4yMoMtj8AQF",
    });
  });

  test("Japanese text survives the round trip", () => {
    const href = toResultsHref({ title: "怪物", artist: "YOASOBI" })!;
    expect(fromSearchParams(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual({ title: "怪物", artist: "YOASOBI" });
  });
});

describe("resultsHref", () => {
  test("builds every results link: a track wins over title and artist, blanks are left out", () => {
    expect(resultsHref({ trackId: "5nujrmhLynf4yMoMtj8AQF", title: "ignored" })).toBe("/results?track=5nujrmhLynf4yMoMtj8AQF");
    expect(resultsHref({ title: "Fast Car", artist: "Tracy Chapman" })).toBe("/results?title=Fast+Car&artist=Tracy+Chapman");
    expect(resultsHref({ title: "", artist: "YOASOBI" })).toBe("/results?artist=YOASOBI");
    for (const query of [{ trackId: "spotify:track:5nujrmhLynf4yMoMtj8AQF" }, { title: "怪物", artist: "YOASOBI" }]) {
      expect(fromSearchParams(Object.fromEntries(new URL(resultsHref(query), "http://x").searchParams))).toEqual(query);
    }
  });
});
