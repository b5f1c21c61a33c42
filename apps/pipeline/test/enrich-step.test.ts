// The enrich step against a loopback Spotify (accounts + Web API answering in the real shapes): batching, faults,
// unknown ids, resuming, and the library picking the artists up.
import fs from "node:fs";
import path from "node:path";
import { resolveSpotifyConfig, type TResolverConfig } from "@anisong/providers";
import { FakeSpotify, type TFixtureTrack } from "@anisong/providers/testing";
import { createTestDatabase, findActiveModel, listClusterSongs } from "@anisong/db";
import { artifactPaths, PipelineError, runAll, runStep } from "../src";
import { enrich } from "../src/steps/enrich";
import { buildLibraryFrom, readLibraryInputs } from "../src/steps/library-inputs";
import { libraryPaths } from "../src/steps/library";
import { createWorkspace, readJsonFile, REPO_DATA, type TWorkspace } from "./helpers";

/** Generous (a loaded machine must not turn a call into a timeout); the timeout case sets a short one. */
const TIMEOUT_MS = 10_000;
const SHORT_TIMEOUT_MS = 300;

function providersFor(server: FakeSpotify, overrides: Record<string, string> = {}): TResolverConfig {
  return resolveSpotifyConfig({
    SPOTIFY_CLIENT_ID: server.credentials.clientId,
    SPOTIFY_CLIENT_SECRET: server.credentials.clientSecret,
    SPOTIFY_API_BASE: server.url,
    SPOTIFY_ACCOUNTS_BASE: server.url,
    ANISONG_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
    ANISONG_MAX_RETRY_AFTER_MS: "1000",
    ...overrides,
  });
}

/** The library's entry ids as the step sees them (fixtures: 98 entries). */
function libraryIds(ws: TWorkspace): string[] {
  return buildLibraryFrom(ws.ctx, readLibraryInputs(ws.ctx)).songs.map((s) => s.id);
}

/** Spotify knows three ids in four; the fourth answers null, as Spotify does for an id it does not have. */
function spotifyKnows(ids: string[]): TFixtureTrack[] {
  return ids
    .filter((_, i) => i % 4 !== 3)
    .map((id, i) => ({
      id,
      name: `Title ${i}`,
      artists: [`Spotify Artist ${i}`],
      album: `Spotify Album ${i}`,
      releaseDate: i % 2 ? "2019-07-03" : "2008",
      popularity: 40,
      features: null,
    }));
}

const severalTracksCalls = (server: FakeSpotify, since = 0) =>
  server.requests
    .slice(since)
    .filter((r) => r.path === "/v1/tracks")
    .map((r) => (r.query.get("ids") ?? "").split(","));

describe("enrich step", () => {
  let server: FakeSpotify;
  let ids: string[];
  let known: TFixtureTrack[];
  const workspaces: TWorkspace[] = [];
  const workspace = () => {
    const ws = createWorkspace();
    ws.ctx.providers = providersFor(server);
    workspaces.push(ws);
    return ws;
  };

  beforeAll(async () => {
    const probe = createWorkspace();
    ids = libraryIds(probe);
    probe.remove();
    known = spotifyKnows(ids);
    server = await new FakeSpotify(known).start();
  });
  afterAll(async () => {
    for (const ws of workspaces) ws.remove();
    await server.stop();
  });

  it("says it was skipped, and why, without Spotify credentials, and writes nothing", async () => {
    const ws = workspace();
    ws.ctx.providers = resolveSpotifyConfig({});
    const before = server.requests.length;
    const report = await runStep(ws.ctx, "enrich").then(() => enrich(ws.ctx));
    expect(report).toEqual({ skipped: true, reason: "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not set" });
    expect(ws.ctx.log.lines.some((l) => l.includes("skipped: SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not set"))).toBe(true);
    expect(fs.existsSync(artifactPaths(ws.ctx.config).enrichment)).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it("asks in batches of at most 50, waits out a 429's Retry-After, keeps unknown ids as not found, and a second run asks nothing", async () => {
    const ws = workspace();
    expect(ids).toHaveLength(98);
    const before = server.requests.length;
    server.failNext("several-tracks", { status: 429, headers: { "Retry-After": "0" } });
    const report = await enrich(ws.ctx);
    const calls = severalTracksCalls(server, before);
    expect(calls.map((c) => c.length)).toEqual([50, 50, 48]); // the first batch twice: 429, then its retry
    expect(calls[0]).toEqual(calls[1]);
    expect(new Set(calls.flat())).toEqual(new Set(ids));
    expect(report).toMatchObject({ skipped: false, lacking: 98, asked: 98, calls: 2, found: known.length, notFound: 98 - known.length });
    expect(report).toMatchObject({ deferred: 0, faults: [], entries: known.length });

    const file = readJsonFile(artifactPaths(ws.ctx.config).enrichment);
    expect(file).toMatchObject({ schemaVersion: 1, source: "spotify" });
    expect(Object.keys(file.entries).sort()).toEqual(known.map((t) => t.id).sort());
    expect(Object.keys(file.notFound)).toHaveLength(98 - known.length);
    const first = known[0]!;
    expect(file.entries[first.id]).toEqual({
      title: "Title 0",
      artists: ["Spotify Artist 0"],
      album: "Spotify Album 0",
      releaseDate: "2008",
      releaseDatePrecision: "year",
      coverUrl: `https://i.scdn.co/image/ab67616d00001e02${first.id}`, // the 300 px image of 640/300
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(readJsonFile(artifactPaths(ws.ctx.config).enrichReport)).toEqual(report);

    const again = server.requests.length;
    const second = await enrich(ws.ctx);
    expect(severalTracksCalls(server, again)).toEqual([]);
    // Only the ids Spotify does not know still lack something; they were asked once and are not asked again.
    expect(second).toMatchObject({ lacking: 98 - known.length, alreadyAsked: 98 - known.length, asked: 0, calls: 0 });
    expect(second.skipped === false && report.skipped === false && second.enrichmentVersion === report.enrichmentVersion).toBe(true);
  });

  it("keeps what was fetched when a batch fails (5xx), and the next run asks only for the missing ids", async () => {
    const ws = workspace();
    server.failNext("several-tracks", { delayMs: 0 }, { status: 503 }); // the first batch answers, the second gets a 503
    const report = await enrich(ws.ctx);
    expect(report).toMatchObject({ calls: 2, deferred: 48, faults: [{ batch: 2, ids: 48, kind: "http", message: "HTTP 503" }] });
    expect(
      ws.ctx.log.lines.some((l) => l.includes("48 of 98 ids were not fetched") && l.includes("run `pnpm run pipeline enrich` again")),
    ).toBe(true);
    const file = readJsonFile(artifactPaths(ws.ctx.config).enrichment);
    expect(Object.keys(file.entries).length + Object.keys(file.notFound).length).toBe(50);

    const resume = server.requests.length;
    const next = await enrich(ws.ctx);
    const asked = severalTracksCalls(server, resume);
    expect(asked.map((c) => c.length)).toEqual([48]);
    for (const id of asked[0]!) expect(id in file.entries || id in file.notFound).toBe(false);
    expect(next).toMatchObject({
      alreadyAsked: Object.keys(file.notFound).length,
      asked: 48,
      deferred: 0,
      faults: [],
      entries: known.length,
    });
  });

  it("records a timeout and a malformed body as faults, keeps going, and stops at once on a long Retry-After", async () => {
    const ws = workspace();
    ws.ctx.providers = providersFor(server, { ANISONG_PROVIDER_TIMEOUT_MS: String(SHORT_TIMEOUT_MS) });
    server.failNext("several-tracks", { delayMs: SHORT_TIMEOUT_MS + 1500 }, { malformed: true });
    const report = await enrich(ws.ctx);
    expect(report).toMatchObject({ calls: 2, found: 0, deferred: 98, entries: 0, stoppedEarly: null });
    if (report.skipped) throw new Error("not skipped");
    expect(report.faults.map((f) => f.kind)).toEqual(["timeout", "malformed"]);
    expect(report.faults[1]!.message).toBe("response is not JSON");
    expect(readJsonFile(artifactPaths(ws.ctx.config).enrichment)).toMatchObject({ entries: {}, notFound: {} });

    ws.ctx.providers = providersFor(server);
    const before = server.requests.length;
    server.failNext("several-tracks", { status: 429, headers: { "Retry-After": "60" } });
    const limited = await enrich(ws.ctx);
    expect(severalTracksCalls(server, before)).toHaveLength(1); // the second batch is not asked while limited
    expect(limited).toMatchObject({ calls: 1, deferred: 98, stoppedEarly: expect.stringMatching(/^rate-limited: HTTP 429/) });
  });

  it("fails clearly when Spotify refuses the credentials, never printing the secret", async () => {
    const ws = workspace();
    ws.ctx.providers = providersFor(server, { SPOTIFY_CLIENT_SECRET: "wrong-secret-value" });
    const error = await enrich(ws.ctx).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(PipelineError);
    expect(error!.message).toMatch(/^Spotify refused the credentials \(token request rejected \(HTTP 400\): check SPOTIFY_CLIENT_ID/);
    expect([error!.message, ...ws.ctx.log.lines].join("\n")).not.toContain("wrong-secret-value");
    expect(readJsonFile(artifactPaths(ws.ctx.config).enrichReport)).toMatchObject({ calls: 1, deferred: 98 });
  });

  it("the library step fills the songs lacking artists from the file and says so", async () => {
    const ws = workspace();
    ws.ctx.config.train.k = 3;
    ws.ctx.config.evaluate = { threshold: -1, metric: "training" };
    for (const step of ["acquire", "clean", "featurize", "train", "score", "evaluate", "library"] as const) await runStep(ws.ctx, step);
    const plain = readJsonFile(libraryPaths(ws.ctx).library);
    const plainReport = readJsonFile(libraryPaths(ws.ctx).report);
    expect(plain.sources.spotifyEnrichment).toBeNull();

    await runStep(ws.ctx, "enrich");
    await runStep(ws.ctx, "library");
    const enriched = readJsonFile(libraryPaths(ws.ctx).library);
    const enrichment = readJsonFile(artifactPaths(ws.ctx.config).enrichment);
    expect(enriched.sources.spotifyEnrichment).toEqual({ file: "data/enrichment/spotify-enrichment.json", version: enrichment.version });
    expect(enriched.version).not.toBe(plain.version); // the content hash --if-needed compares

    const before = new Map(plain.songs.map((s: any) => [s.id, s]));
    let filled = 0;
    for (const song of enriched.songs) {
      const was: any = before.get(song.id);
      const spotify = enrichment.entries[song.id];
      if (was.artists.length > 0) expect(song).toMatchObject({ artists: was.artists, artistsFrom: was.artistsFrom });
      else if (spotify) {
        expect(song).toMatchObject({ artists: spotify.artists, artistsFrom: "spotify" });
        filled++;
      } else expect(song.artists).toEqual([]);
      expect(song.releaseDate).toBe(spotify?.releaseDate ?? null);
      expect(song.coverUrl).toBe(spotify?.coverUrl ?? null);
    }
    expect(filled).toBeGreaterThan(0);
    const report = readJsonFile(libraryPaths(ws.ctx).report);
    expect(report.artistCoverage.filledBySpotify).toBe(filled);
    expect(report.artistCoverage.withArtists).toBe(plainReport.artistCoverage.withArtists + filled);
    expect(report.spotifyEnrichment.covers).toBe(enriched.songs.filter((s: any) => s.coverUrl).length);
  }, 120_000);

  it("asks for the 473 entries of the 438 seed songs plus the fixture catalog in 10 calls of at most 50 ids", async () => {
    const ws = createWorkspace({ paths: { seed: path.join(REPO_DATA, "raw/anime_songs.csv") } });
    workspaces.push(ws);
    ws.ctx.providers = providersFor(server);
    const before = server.requests.length;
    const report = await enrich(ws.ctx);
    const calls = severalTracksCalls(server, before);
    if (report.skipped) throw new Error("not skipped");
    expect(calls.map((c) => c.length)).toEqual([...Array(Math.floor(report.librarySongs / 50)).fill(50), report.librarySongs % 50]);
    expect(new Set(calls.flat()).size).toBe(report.librarySongs);
    expect(report).toMatchObject({ lacking: report.librarySongs, asked: report.librarySongs, calls: calls.length, deferred: 0 });
    expect(report.librarySongs).toBe(473);
    expect(calls).toHaveLength(10);
  }, 120_000);

  it("stops asking after three failed batches in a row (Spotify down) and leaves the rest for the next run", async () => {
    const ws = createWorkspace({ paths: { seed: path.join(REPO_DATA, "raw/anime_songs.csv") } });
    workspaces.push(ws);
    ws.ctx.providers = providersFor(server);
    server.failAlways("several-tracks", { status: 502 });
    try {
      const before = server.requests.length;
      const report = await enrich(ws.ctx);
      expect(severalTracksCalls(server, before)).toHaveLength(3);
      expect(report).toMatchObject({ calls: 3, deferred: 473, entries: 0, stoppedEarly: "3 batches failed in a row" });
    } finally {
      server.failAlways("several-tracks", null);
    }
  }, 120_000);

  it("`all` runs enrich before library, and `--if-needed` re-ingests when the enrichment file changes", async () => {
    const t = await createTestDatabase({ kind: "pglite" });
    const ws = workspace();
    try {
      ws.ctx.database = t.config;
      ws.ctx.config.train.k = 3;
      ws.ctx.config.evaluate = { threshold: -1, metric: "training" };
      const first = await runAll(ws.ctx);
      const order = first.timings.map((x) => x.step);
      expect(order.indexOf("enrich")).toBe(order.indexOf("library") - 1);
      const active = await findActiveModel(t.db);
      const songs = await listClusterSongs(t.db, { modelId: active!.model.version });
      const fromSpotify = readJsonFile(libraryPaths(ws.ctx).library).songs.filter((s: any) => s.artistsFrom === "spotify");
      expect(fromSpotify.length).toBeGreaterThan(0);
      for (const s of fromSpotify) expect(songs.find((row) => row.trackId === s.id)?.artists).toEqual(s.artists);
      const entries = readJsonFile(artifactPaths(ws.ctx.config).enrichment).entries;
      const stored = await t.db.song.findUnique({ where: { id: fromSpotify[0].id }, select: { releaseDate: true, coverUrl: true } });
      expect(stored).toEqual({ releaseDate: entries[fromSpotify[0].id].releaseDate, coverUrl: entries[fromSpotify[0].id].coverUrl });
      expect(stored!.coverUrl).toMatch(/^https:\/\/i\.scdn\.co\/image\//);

      ws.ctx.flags.ifNeeded = true;
      const calls = severalTracksCalls(server).length;
      expect((await runAll(ws.ctx)).skipped).toBe(true); // nothing new to ask, same enrichment, same library
      expect(severalTracksCalls(server).length).toBe(calls);

      // A file that lost one entry (say, an earlier run was cut short): the next run asks for it, and the
      // changed library reaches the database.
      const file = artifactPaths(ws.ctx.config).enrichment;
      const data = readJsonFile(file);
      const dropped = fromSpotify[0].id;
      delete data.entries[dropped];
      fs.writeFileSync(file, JSON.stringify(data));
      const before = server.requests.length;
      const again = await runAll(ws.ctx);
      expect(severalTracksCalls(server, before)).toEqual([[dropped]]);
      expect(again.skipped).toBe(true); // the same answer again: same enrichment version, same library
      data.entries = {};
      data.notFound = {};
      fs.writeFileSync(file, JSON.stringify(data));
      server.failAlways("several-tracks", { status: 503 }); // Spotify down: the library loses the Spotify fields
      try {
        const degraded = await runAll(ws.ctx);
        expect(degraded.skipped).toBe(false);
        expect(readJsonFile(artifactPaths(ws.ctx.config).ingestReport).status).toBe("library-updated");
        const row = (await listClusterSongs(t.db, { modelId: active!.model.version })).find((r) => r.trackId === dropped);
        expect(row?.artists).toEqual([]);
        expect(await t.db.song.findUnique({ where: { id: dropped }, select: { coverUrl: true } })).toEqual({ coverUrl: null });
      } finally {
        server.failAlways("several-tracks", null);
      }
    } finally {
      await t.drop();
    }
  }, 300_000);
});
