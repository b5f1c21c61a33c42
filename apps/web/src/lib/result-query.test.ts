import { fromSearchParams, isTuned, resultsHref, toResultsHref, tuneFromSearchParams } from "./result-query";
import { EMPTY_TUNE, type TTune } from "./steering";

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

describe("the tune in the results URL", () => {
  const parse = (href: string) => {
    const url = new URL(href, "http://x");
    const params: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      params[key] = all.length > 1 ? all : all[0]!;
    }
    return { query: fromSearchParams(params), tune: tuneFromSearchParams(params) };
  };

  test("round-trips seeds, not-like-this songs, targets, tempo range, variety and the artist cap", () => {
    const tune: TTune = {
      seeds: ["06XQvnJb53SUYmlWIhUXUi", "5MVjxslIF7mVtYo75Nk445"],
      avoid: ["0000000000000000000001"],
      targets: { energy: "more", valence: "less", tempo: "more" },
      tempoMin: 90,
      tempoMax: 175.5,
      variety: 0.3,
      maxPerArtist: 1,
    };
    const href = resultsHref({ title: "怪物", artist: "YOASOBI" }, tune);
    expect(parse(href)).toEqual({ query: { title: "怪物", artist: "YOASOBI" }, tune });
    expect(isTuned(tune)).toBe(true);
  });

  test("defaults stay out of the URL: no tune, and 'as is' targets, add nothing", () => {
    expect(resultsHref({ trackId: "5nujrmhLynf4yMoMtj8AQF" }, { ...EMPTY_TUNE, targets: { energy: "same" } })).toBe(
      "/results?track=5nujrmhLynf4yMoMtj8AQF",
    );
    expect(parse("/results?track=5nujrmhLynf4yMoMtj8AQF").tune).toEqual(EMPTY_TUNE);
    expect(isTuned(EMPTY_TUNE)).toBe(false);
  });

  test("values out of range or malformed are dropped, not sent (the API bounds what is left)", () => {
    const { tune } = parse("/results?title=x&energy=loud&tempoMin=10&tempoMax=abc&variety=2&maxPerArtist=1.5&seed=&avoid=a&avoid=b");
    expect(tune).toEqual({ seeds: [], avoid: ["a", "b"], targets: {} });
    const many = parse(`/results?title=x${"&seed=s".repeat(9)}`).tune;
    expect(many.seeds).toHaveLength(4); // with the listener's own song: five seeds
  });
});
