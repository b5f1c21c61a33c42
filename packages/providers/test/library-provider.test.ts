// The app-supplied `library` provider: first in the chain, by id (any merged id) and by title/artist with the
// catalog's normalisation (case, width, kana, typos); a miss says in listener words where we looked; a lookup that
// throws is a fault (503 upstream), not a miss.
import path from "node:path";
import { FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import {
  AllProvidersFailedError,
  buildLibraryIndex,
  createLibraryProvider,
  createSongResolver,
  resolveSpotifyConfig,
  SongNotFoundError,
  type TLibraryEntry,
  type TLibraryLookup,
} from "../src";

const SAMPLE_CATALOG = path.join(__dirname, "fixtures", "catalog-sample.csv");
const features = (seed: number): TAudioFeatures =>
  Object.fromEntries(
    FEATURE_NAMES.map((f, i) => [f, f === "tempo" ? 100 + seed : f === "loudness" ? -5 - seed / 10 : ((seed * 7 + i) % 10) / 10]),
  ) as TAudioFeatures;

const KAIKAI: TLibraryEntry = {
  id: "5MVjxslIF7mVtYo75Nk445",
  title: "廻廻奇譚",
  artists: ["Eve"],
  album: "廻廻奇譚 / 蒼のワルツ",
  popularity: 60,
  features: features(1),
};
const GUREN: TLibraryEntry = {
  id: "2ZjP8ZtQy1nJXH1Xq0nRzL",
  title: "Guren no Yumiya",
  artists: ["Linked Horizon"],
  album: null,
  popularity: null,
  features: features(2),
};
const ENTRIES = [KAIKAI, GUREN];
const ALIASES = new Map([["0000000000000000000001", KAIKAI]]);

/** A lookup like the apps': ids (and merged ids) by map, text through the catalog's search machinery. */
function lookupOf(entries: TLibraryEntry[]): TLibraryLookup & { byIdCalls: number } {
  const index = buildLibraryIndex(entries);
  const out = {
    byIdCalls: 0,
    async findById(id: string) {
      out.byIdCalls++;
      return entries.find((e) => e.id === id) ?? ALIASES.get(id) ?? null;
    },
    async search(query: { title?: string; artist?: string }, limit: number) {
      return index.search(query, { limit });
    },
  };
  return out;
}

function resolver(lookup: TLibraryLookup, providers = ["library", "catalog"]) {
  return createSongResolver({
    ...resolveSpotifyConfig({} as NodeJS.ProcessEnv),
    providers,
    catalogPath: SAMPLE_CATALOG,
    catalogCacheDir: false,
    supplied: [createLibraryProvider(lookup)],
  });
}

describe("library provider", () => {
  it("is first in the default chain and labelled for listeners", () => {
    const r = createSongResolver({
      ...resolveSpotifyConfig({} as NodeJS.ProcessEnv),
      supplied: [createLibraryProvider(lookupOf(ENTRIES))],
    });
    expect(r.providers.map((p) => p.name)).toEqual(["library", "catalog", "spotify", "reccobeats"]);
    expect(r.providers[0]!.label).toBe("Anisong's anime library");
  });

  it("resolves a library song by id, with its features, without asking the catalog", async () => {
    const song = await resolver(lookupOf(ENTRIES)).resolve({ trackId: KAIKAI.id });
    expect(song.source).toBe("library");
    expect(song.track).toMatchObject({ id: KAIKAI.id, title: "廻廻奇譚", artists: ["Eve"] });
    expect(song.features).toEqual(KAIKAI.features);
    expect(song.attempts).toHaveLength(1);
  });

  it("resolves a merged recording's other id to the entry", async () => {
    const song = await resolver(lookupOf(ENTRIES)).resolve({ trackId: "0000000000000000000001" });
    expect(song.track.id).toBe(KAIKAI.id);
  });

  it("finds Japanese and Latin titles by text: exact, other width/case, a typo", async () => {
    const r = resolver(lookupOf(ENTRIES));
    expect((await r.resolve({ title: "廻廻奇譚" })).track.id).toBe(KAIKAI.id);
    expect((await r.resolve({ title: "ＧＵＲＥＮ ＮＯ ＹＵＭＩＹＡ" })).track.id).toBe(GUREN.id);
    expect((await r.resolve({ title: "guren no yumia", artist: "linked horizon" })).track.id).toBe(GUREN.id);
    expect((await r.resolve({ title: "廻廻奇譚" })).source).toBe("library");
  });

  it("a song found nowhere: SongNotFoundError with suggestions and a listener sentence naming where we looked", async () => {
    const error = await resolver(lookupOf(ENTRIES))
      .resolve({ title: "Guren no Yumiyo zzz", artist: "Nobody Zyx" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SongNotFoundError);
    const notFound = error as SongNotFoundError;
    expect(notFound.tried).toBe("We looked in Anisong's anime library and the offline Spotify tracks catalog; no online source is set up.");
    expect(notFound.tried).not.toMatch(/SPOTIFY_|ANISONG_/);
    expect(notFound.suggestions.length).toBeGreaterThan(0);
  });

  it("an unknown id offline is a miss (404 upstream), not a fault", async () => {
    const error = await resolver(lookupOf(ENTRIES))
      .resolve({ trackId: "1111111111111111111111" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SongNotFoundError);
  });

  it("a lookup that throws (database down) is a fault: AllProvidersFailedError when nothing else has the song", async () => {
    const broken: TLibraryLookup = {
      findById: () => Promise.reject(new Error("connection refused")),
      search: () => Promise.reject(new Error("connection refused")),
    };
    const error = await resolver(broken)
      .resolve({ trackId: KAIKAI.id })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AllProvidersFailedError);
    expect((error as AllProvidersFailedError).reasons[0]).toMatchObject({ provider: "library", fault: true });
  });
});
