// Issue 9: every song of Anisong's anime library resolves through the API. The real pipeline (`all`, which now
// builds and ingests the library) fills a throwaway PGlite database; then EVERY library song, by its id and by
// each merged id, must get 200 with ten recommendations, in-process like routes.pglite.test.ts.
import { findLibrarySong, createPrismaClient, closePrismaClient, type TDb } from "@anisong/db";
import { createLibraryProvider, createSongResolver, resolveSpotifyConfig } from "@anisong/providers";
import * as recommendationsRoute from "../src/app/api/recommendations/route";
import { libraryProviderForServer, useDatabase, useResolver } from "../src/server/services";
import { call } from "./support/call-route";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(600_000);
process.env.ANISONG_WRITE_RATE_BURST = "1000000";
process.env.ANISONG_PROVIDERS = "library,catalog"; // offline: no online source is set up

const KAIKAI_KITAN = "5MVjxslIF7mVtYo75Nk445";

let database: TPreparedDatabase;
let db: TDb;

beforeAll(async () => {
  database = await prepareDatabase("pglite");
  db = await createPrismaClient(database.config);
  useDatabase(db);
});

afterAll(async () => {
  useDatabase(undefined);
  useResolver(undefined);
  if (db) await closePrismaClient(db);
  if (database) await database.drop();
});

const post = (json: unknown) => call(recommendationsRoute.POST, "/api/recommendations", { method: "POST", json, ip: "198.51.100.9" });

test("the library is in the database: seed and tracks-dataset songs, kinds, merged ids", async () => {
  const active = await db.model.findFirstOrThrow({ where: { isActive: true } });
  expect(active.libraryVersion).toMatch(/^[0-9a-f]{16}$/);
  const songs = await db.song.findMany({ where: { clusters: { some: { modelId: active.id } } }, select: { provenance: true, kind: true } });
  expect(songs.length).toBeGreaterThan(1000);
  expect(songs.filter((s) => s.provenance.includes("seed")).length).toBeGreaterThan(400);
  expect(songs.filter((s) => s.provenance.includes("tracks-dataset") && !s.provenance.includes("seed")).length).toBeGreaterThan(500);
  expect(new Set(songs.map((s) => s.kind))).toEqual(new Set(["original", "soundtrack", "cover"]));
  const clusters = await db.cluster.findMany({ where: { modelId: active.id } });
  expect(clusters.reduce((n, c) => n + c.size, 0)).toBe(songs.length);
});

test("EVERY library song, by its id and by each merged id, gets 201 with 10 recommendations from the library", async () => {
  const active = await db.model.findFirstOrThrow({ where: { isActive: true } });
  const songs = await db.song.findMany({ where: { clusters: { some: { modelId: active.id } } }, select: { id: true, alternateIds: true } });
  const queries = songs.flatMap((s) => [{ id: s.id, expect: s.id }, ...s.alternateIds.map((alt) => ({ id: alt, expect: s.id }))]);
  expect(queries.length).toBeGreaterThan(songs.length); // some recordings were merged
  const failures: string[] = [];
  for (const q of queries) {
    const res = await post({ trackId: q.id });
    if (
      res.status !== 201 ||
      res.body.items?.length !== 10 ||
      res.body.query.source !== "library" ||
      res.body.query.track.id !== q.expect
    ) {
      failures.push(`${q.id}: ${res.status} ${res.body.error?.code ?? `${res.body.items?.length} items from ${res.body.query?.source}`}`);
    }
  }
  expect(failures).toEqual([]);
});

test("廻廻奇譚 resolves from the library by id and by title, with the default kinds", async () => {
  const byId = await post({ trackId: KAIKAI_KITAN });
  expect(byId.status).toBe(201);
  expect(byId.body.query).toMatchObject({ source: "library", sourceLabel: "Anisong's anime library", track: { id: KAIKAI_KITAN } });
  expect(byId.body.kinds).toEqual(["original", "soundtrack"]);
  for (const item of byId.body.items) expect(["original", "soundtrack"]).toContain(item.kind);

  const byTitle = await post({ title: "廻廻奇譚" });
  expect(byTitle.status).toBe(201);
  expect(byTitle.body.query.track.id).toBe(KAIKAI_KITAN);
  expect(byTitle.body.items).toHaveLength(10);
  const stored = await db.recommendation.findUniqueOrThrow({ where: { id: byTitle.body.id } });
  expect(stored).toMatchObject({ featureSource: "library", kinds: ["original", "soundtrack"] });
});

test("kinds: covers only when asked; an empty or unknown kind is a 400", async () => {
  const covers = await post({ trackId: KAIKAI_KITAN, kinds: ["cover"] });
  expect(covers.status).toBe(201);
  expect(covers.body.items).toHaveLength(10);
  for (const item of covers.body.items) expect(item.kind).toBe("cover");
  expect((await db.recommendation.findUniqueOrThrow({ where: { id: covers.body.id } })).kinds).toEqual(["cover"]);
  expect((await post({ trackId: KAIKAI_KITAN, kinds: [] })).status).toBe(400);
  expect((await post({ trackId: KAIKAI_KITAN, kinds: ["remix"] })).status).toBe(400);
});

test("findLibrarySong answers to a merged id with the canonical row", async () => {
  const active = await db.model.findFirstOrThrow({ where: { isActive: true } });
  const merged = await db.song.findFirstOrThrow({
    where: { alternateIds: { isEmpty: false }, clusters: { some: { modelId: active.id } } },
  });
  const found = await findLibrarySong(db, { id: merged.alternateIds[0]!, modelId: active.id });
  expect(found).toMatchObject({ id: merged.id, title: merged.title, features: { energy: merged.energy, tempo: merged.tempo } });
  expect(await findLibrarySong(db, { id: "0000000000000000000000", modelId: active.id })).toBeNull();
});

test("a song found nowhere → 404 song_not_found with suggestions and a listener sentence of what was tried", async () => {
  const res = await post({ title: "Guren no Yumiyaaa Plonk", artist: "Linked Horizzon Zyx" });
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe("song_not_found");
  expect(res.body.error.details.hint).toBe(
    "We looked in Anisong's anime library and the offline Spotify tracks catalog; no online source is set up.",
  );
  expect(JSON.stringify(res.body)).not.toMatch(/SPOTIFY_CLIENT|ANISONG_/);
  expect(res.body.error.details.suggestions.length).toBeGreaterThan(0);

  const byId = await post({ trackId: "0000000000000000000000" });
  expect(byId.status).toBe(404);
  expect(byId.body.error.code).toBe("song_not_found");
});

test("a source that is really down → 503 naming it (a miss elsewhere is not an outage)", async () => {
  useResolver(
    createSongResolver({
      ...resolveSpotifyConfig({} as NodeJS.ProcessEnv),
      providers: ["library", "catalog"],
      supplied: [
        createLibraryProvider({
          findById: () => Promise.reject(new Error("connection refused")),
          search: () => Promise.reject(new Error("connection refused")),
        }),
      ],
    }),
  );
  try {
    const res = await post({ trackId: "0000000000000000000000" });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("providers_unavailable");
    expect(res.body.error.message).toBe("We could not reach Anisong's anime library to find this song. Please try again later.");
  } finally {
    useResolver(createSongResolver({ ...resolveSpotifyConfig(), supplied: [libraryProviderForServer()] }));
  }
});
