// The README's "How to add a feature provider", followed literally: (1) the provider's file — here inline, a
// provider answering from memory; (2) its registry line — here the resolver's `registry` option, which takes
// the same list `src/providers/registry.ts` holds; (3) this test.
import path from "node:path";
import { FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import {
  AllProvidersFailedError,
  createSongResolver,
  defaultRegistry,
  defineProvider,
  describeTrack,
  ProviderFault,
  spotifyTrackUrl,
  type TTrack,
} from "../src";

// ---- (1) the new file: src/providers/memory-provider.ts ----
const FEATURES: TAudioFeatures = Object.fromEntries(
  FEATURE_NAMES.map((name, i) => [name, name === "tempo" ? 120 : i / 10]),
) as TAudioFeatures;
const KOMOREBI: TTrack = {
  id: "0000000000000000000001",
  title: "Komorebi",
  artists: ["Test Band"],
  spotifyUrl: spotifyTrackUrl("0000000000000000000001"),
};
/** Also in the sample catalog (with other features), to see who answers first. */
const COMEDY: TTrack = {
  id: "5SuOikwiRyPMVoIQDJUgSV",
  title: "Comedy",
  artists: ["Gen Hoshino"],
  spotifyUrl: spotifyTrackUrl("5SuOikwiRyPMVoIQDJUgSV"),
};
const BROKEN_ID = "0000000000000000000002";
let calls: string[] = [];

const memoryProvider = defineProvider({
  name: "memory",
  label: "the test memory",
  create: () => {
    const songs = new Map([KOMOREBI, COMEDY].map((t) => [t.id, t]));
    return {
      reach: "local",
      capabilities: ["lookup", "search", "features"],
      configuration: { configured: true },
      async lookup(id) {
        calls.push(`lookup ${id}`);
        if (id === BROKEN_ID) throw new ProviderFault("network", "memory is down");
        const track = songs.get(id);
        return track ? { found: true, track, features: FEATURES } : { found: false, reason: "not in memory" };
      },
      async search(query, limit) {
        calls.push(`search ${query.title}`);
        const hits = [...songs.values()].filter((t) => t.title.toLowerCase() === query.title?.toLowerCase()).slice(0, limit);
        const best = hits[0];
        if (!best) return { found: false, reason: "not in memory", nearest: [] };
        return { found: true, track: best, features: FEATURES, candidates: hits, outcome: `matched ${describeTrack(best)}` };
      },
      async features(id) {
        calls.push(`features ${id}`);
        return songs.has(id) ? { found: true, features: FEATURES } : { found: false, reason: "not in memory" };
      },
    };
  },
});

// ---- (2) the registry line: defaultRegistry with the new provider in it ----
const registry = [memoryProvider, ...defaultRegistry];

function resolver(providers: string[]) {
  return createSongResolver({
    providers,
    registry,
    catalogPath: path.join(__dirname, "fixtures", "catalog-sample.csv"),
    catalogCacheDir: false,
  });
}

beforeEach(() => {
  calls = [];
});

// ---- (3) its tests ----
describe("adding a provider by the README recipe", () => {
  it("is asked in the configured position: first in the chain, it answers before the catalog", async () => {
    const song = await resolver(["memory", "catalog"]).resolve({ title: "Comedy" });
    expect(song).toMatchObject({ source: "memory", track: { id: COMEDY.id }, features: FEATURES });
    expect(song.attempts).toEqual([{ provider: "memory", outcome: 'matched "Comedy" by Gen Hoshino' }]);
  });

  it("after the catalog, it is asked only when the catalog lacks the song", async () => {
    const fromCatalog = await resolver(["catalog", "memory"]).resolve({ title: "Comedy" });
    expect(fromCatalog.source).toBe("catalog");
    expect(calls).toEqual([]);

    const fromMemory = await resolver(["catalog", "memory"]).resolve({ title: "Komorebi" });
    expect(fromMemory.source).toBe("memory");
    expect(fromMemory.attempts.map((a) => a.provider)).toEqual(["catalog", "memory"]);
    expect(fromMemory.attempts[0]!.outcome).toMatch(/^not found offline/);
  });

  it("answers a pasted id by lookup, and is left out when it is not configured", async () => {
    const song = await resolver(["catalog", "memory"]).resolve({ trackId: `spotify:track:${KOMOREBI.id}` });
    expect(song).toMatchObject({ source: "memory", track: KOMOREBI });
    expect(calls).toEqual([`lookup ${KOMOREBI.id}`]);

    calls = [];
    await expect(resolver(["catalog"]).resolve({ title: "Komorebi" })).rejects.toThrow(/No confident match/);
    expect(calls).toEqual([]);
  });

  it("exposes its label with the chain", () => {
    const chain = resolver(["memory", "catalog"]).providers;
    expect(chain.map((p) => [p.name, p.label])).toEqual([
      ["memory", "the test memory"],
      ["catalog", "the offline Spotify tracks catalog"],
    ]);
  });

  it("its faults and misses fall through to the next provider and into the typed error", async () => {
    const fallthrough = await resolver(["memory", "catalog"]).resolve({ title: "シルエット" });
    expect(fallthrough.source).toBe("catalog");
    expect(fallthrough.attempts[0]).toEqual({ provider: "memory", outcome: "not in memory" });

    const error = await resolver(["memory", "catalog"])
      .resolve({ trackId: BROKEN_ID })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllProvidersFailedError);
    expect((error as AllProvidersFailedError).reasons).toEqual([
      { provider: "memory", reason: "memory is down", fault: true },
      { provider: "catalog", reason: "not in the offline catalog", fault: false },
    ]);
  });

  it("an app-supplied provider: a registry line without a factory, the instance passed by the app", async () => {
    const library = defineProvider({ name: "library", label: "the Anisong library" });
    const withLine = [library, ...defaultRegistry];
    const catalogPath = path.join(__dirname, "fixtures", "catalog-sample.csv");
    const notSupplied = createSongResolver({ providers: ["library", "catalog"], registry: withLine, catalogPath, catalogCacheDir: false });
    expect(notSupplied.providers[0]).toMatchObject({
      name: "library",
      configuration: { configured: false, reason: "not supplied by the app" },
    });
    await expect(notSupplied.resolve({ title: "Komorebi" })).rejects.toThrow(/No confident match/);

    // What an app does with a provider that needs its database handle: build it, pass it in.
    const instance = { ...memoryProvider.create!({} as never), name: "library", label: "the Anisong library" };
    const supplied = createSongResolver({
      providers: ["library", "catalog"],
      registry: withLine,
      supplied: [instance],
      catalogPath,
      catalogCacheDir: false,
    });
    expect(await supplied.resolve({ title: "Komorebi" })).toMatchObject({ source: "library", track: { id: KOMOREBI.id } });
  });

  it("an unknown name in the configured order is a configuration error naming the known ones", () => {
    expect(() => createSongResolver({ providers: ["memroy"], registry })).toThrow(
      'Unknown provider "memroy": expected one of memory, library, catalog, spotify, reccobeats.',
    );
  });
});
