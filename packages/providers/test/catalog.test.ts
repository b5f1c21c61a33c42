// The offline catalog on the real public dataset (loaded once for this file), and the resolver with only it.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { FEATURE_NAMES } from "@anisong/core-ml";
import {
  createSongResolver,
  findRepoRootForTests,
  InvalidQueryError,
  loadCatalog,
  OFFLINE_HINT,
  SongNotFoundError,
  type Catalog,
} from "./helpers";

let catalog: Catalog;

beforeAll(async () => {
  catalog = await loadCatalog();
}, 60_000);

const titlesOf = (matches: { track: { title: string } }[]) => matches.map((m) => m.track.title);

describe("catalog contents", () => {
  it("merges the 114,000 per-genre rows into 89,741 tracks", () => {
    expect(catalog.stats.rows).toBe(114_000);
    expect(catalog.size).toBe(89_741);
    expect(catalog.stats.rejected).toBe(0);
  });

  it("has Levitating with the seed sample's id and features, and both of its genres", () => {
    const sample = parse(fs.readFileSync(path.join(findRepoRootForTests(), "data/sample/sample_search_songs.csv")), {
      columns: true,
    }) as Record<string, string>[];
    const seed = sample.find((row) => row.title === "Levitating")!;
    const entry = catalog.getById(seed.id!)!;
    expect(entry.track).toMatchObject({
      id: "5nujrmhLynf4yMoMtj8AQF",
      title: "Levitating (feat. DaBaby)",
      artists: ["Dua Lipa", "DaBaby"],
      album: "Future Nostalgia",
      popularity: 85,
    });
    expect(entry.track.genres?.sort()).toEqual(["dance", "pop"]);
    for (const name of FEATURE_NAMES) expect(entry.features[name]).toBeCloseTo(Number(seed[name]), 10);
    expect(entry.track.spotifyUrl).toBe("https://open.spotify.com/track/5nujrmhLynf4yMoMtj8AQF");
  });

  it("keeps the one row with empty names reachable by id but out of search", () => {
    const entry = catalog.getById("1kR4gIb7nGxHPI3D2ifs59")!;
    expect(entry.track).toMatchObject({ title: "", artists: [] });
    expect(entry.track.album).toBeUndefined();
  });

  it("returns undefined for an unknown id", () => {
    expect(catalog.getById("0000000000000000000000")).toBeUndefined();
  });

  it("loads once per path: a second call returns the same catalog", async () => {
    expect(await loadCatalog()).toBe(catalog);
  });
});

describe("catalog search", () => {
  it("ranks the exact title+artist match first, then by popularity", () => {
    const matches = catalog.search({ title: "Levitating", artist: "Dua Lipa" }, { limit: 5 });
    expect(matches[0]!.track.id).toBe("5nujrmhLynf4yMoMtj8AQF");
    expect(matches[0]).toMatchObject({ exact: true, confident: true, score: 1 });
    const exact = matches.filter((m) => m.exact);
    expect(exact.length).toBeGreaterThan(1);
    const pops = exact.map((m) => m.track.popularity!);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    for (const m of exact) expect(m.track.artists).toContain("Dua Lipa");
  });

  it("finds an anime song by its Japanese title", () => {
    const [best] = catalog.search({ title: "紅蓮華", artist: "LiSA" });
    expect(best!.track).toMatchObject({ id: "0qMip0B2D4ePEjBJvAtYre", title: "紅蓮華", artists: ["LiSA"] });
    expect(best!.track.genres).toContain("anime");
    expect(best!.exact).toBe(true);
  });

  it("finds katakana titles typed in hiragana, half-width or full-width forms", () => {
    for (const title of ["シルエット", "しるえっと", "ｼﾙｴｯﾄ"]) {
      const [best] = catalog.search({ title, artist: "ＫＡＮＡ－ＢＯＯＮ" });
      expect(best!.track.id).toBe("1di1C0QI6Y92yZPYn6XYAZ");
      expect(best!.exact).toBe(true);
    }
  });

  it("finds a long kana/kanji title and a romanised title as written", () => {
    expect(catalog.search({ title: "残酷な天使のテーゼ" })[0]!.track.artists).toEqual(["Yoko Takahashi"]);
    expect(catalog.search({ title: "Kaikai Kitan", artist: "Eve" })[0]!.track.id).toBe("6y4GYuZszeXNOXuBFsJlos");
  });

  it("tolerates typos in title and artist", () => {
    const [best] = catalog.search({ title: "Levitatng", artist: "Dua Lpa" });
    expect(best!.track.title).toMatch(/^Levitating/);
    expect(best!.track.artists).toContain("Dua Lipa");
    expect(best!.exact).toBe(false);
    expect(best!.confident).toBe(true);
    expect(catalog.search({ title: "Kaikai Kitna", artist: "Eve" })[0]!.track.id).toBe("6y4GYuZszeXNOXuBFsJlos");
    const [short] = catalog.search({ title: "Deicde" }); // trigrams miss "decide": found by the swap retry
    expect(short!.track.title).toBe("Decide");
    expect(short!.confident).toBe(true);
    const [swapped] = catalog.search({ title: "Thirller", artist: "Michael Jackson" });
    expect(swapped!.track.title).toBe("Thriller");
    expect(swapped!.confident).toBe(true);
  });

  it("tolerates word order", () => {
    const [best] = catalog.search({ title: "Kitan Kaikai", artist: "Eve" });
    expect(best!.track.id).toBe("6y4GYuZszeXNOXuBFsJlos");
    expect(best!.confident).toBe(true);
  });

  it("matches an artist credited with a longer name", () => {
    const [best] = catalog.search({ title: "unravel", artist: "TK" });
    expect(best!.track).toMatchObject({ id: "1rN9QoVxw5U7TJkyaUR8C1", artists: ["TK from Ling tosite sigure"] });
    expect(best!.confident).toBe(true);
  });

  it("answers an artist-only query with that artist's songs, most popular first", () => {
    const matches = catalog.search({ artist: "Kenshi Yonezu" }, { limit: 10 });
    expect(matches).toHaveLength(10);
    for (const m of matches) expect(m.track.artists).toContain("Kenshi Yonezu");
    const pops = matches.map((m) => m.track.popularity!);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    expect(titlesOf(matches)).toContain("KICK BACK");
  });

  it("says a song that is not in the catalog is not a confident match, with the nearest titles", () => {
    const matches = catalog.search({ title: "City of Stars" }, { limit: 5 });
    expect(matches).toHaveLength(5);
    for (const m of matches) {
      expect(m.confident).toBe(false);
      expect(m.track.title.toLowerCase()).not.toBe("city of stars");
    }
    expect(titlesOf(matches).some((t) => /star|city/i.test(t))).toBe(true);
  });

  it("rejects an empty or absurdly long query", () => {
    expect(() => catalog.search({ title: "  ", artist: "!!" })).toThrow(InvalidQueryError);
    expect(() => catalog.search({ title: "la ".repeat(200) })).toThrow(/longer than 300 characters/);
  });

  it("honours the limit", () => {
    expect(catalog.search({ title: "love" }, { limit: 3 })).toHaveLength(3);
  });
});

describe("resolver with only the catalog (no credentials, no network)", () => {
  const resolver = createSongResolver({ providers: ["catalog"] });

  it("resolves Levitating by title and artist with its features and source", async () => {
    const song = await resolver.resolve({ title: "Levitating", artist: "Dua Lipa" });
    expect(song.source).toBe("catalog");
    expect(song.track.id).toBe("5nujrmhLynf4yMoMtj8AQF");
    expect(song.features).toMatchObject({ danceability: 0.702, energy: 0.825, tempo: 102.977 });
    expect(song.candidates[0]!.id).toBe(song.track.id);
    expect(song.candidates.length).toBeGreaterThan(1);
    expect(song.attempts).toEqual([{ provider: "catalog", outcome: expect.stringContaining("(exact)") }]);
  });

  it("resolves a pasted Spotify link, in the id field or the title field", async () => {
    const byId = await resolver.resolve({ trackId: "https://open.spotify.com/intl-ja/track/0qMip0B2D4ePEjBJvAtYre?si=abc" });
    expect(byId.track.title).toBe("紅蓮華");
    const byTitle = await resolver.resolve({ title: "spotify:track:0qMip0B2D4ePEjBJvAtYre" });
    expect(byTitle.track.id).toBe("0qMip0B2D4ePEjBJvAtYre");
  });

  it("answers a missing song with suggestions and the credentials hint", async () => {
    const error = await resolver.resolve({ title: "City of Stars" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SongNotFoundError);
    const notFound = error as SongNotFoundError;
    expect(notFound.hint).toBe(OFFLINE_HINT);
    expect(notFound.suggestions).toHaveLength(5);
    expect(notFound.attempts[0]).toMatchObject({ provider: "catalog", outcome: expect.stringMatching(/^not found offline; nearest /) });
  });

  it("says the same for an id that is not in the catalog", async () => {
    await expect(resolver.resolve({ trackId: "0000000000000000000000" })).rejects.toBeInstanceOf(SongNotFoundError);
  });

  it("rejects an empty query and a non-Spotify link", async () => {
    await expect(resolver.resolve({ title: " ", artist: "" })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(resolver.resolve({ trackId: "https://example.com/track/x" })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(resolver.resolve({ title: "x", artist: "y".repeat(301) })).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it("returns ranked tracks for a picker", async () => {
    const tracks = await resolver.search({ title: "crossing field" }, { limit: 3 });
    expect(tracks).toHaveLength(3);
    expect(tracks[0]).toMatchObject({ title: "crossing field", artists: ["LiSA"] });
  });
});
