// "Save to Spotify" through the real route handlers, against a loopback Spotify (accounts + Web API) and one
// real database filled by the real pipeline. Run for PGlite and PostgreSQL by spotify-save.*.test.ts.
import { createHash } from "node:crypto";
import { closePrismaClient, createPrismaClient, type TDb } from "@anisong/db";
import * as callbackRoute from "../../src/app/api/spotify/callback/route";
import * as loginRoute from "../../src/app/api/spotify/login/route";
import * as recommendationsRoute from "../../src/app/api/recommendations/route";
import { useDatabase } from "../../src/server/services";
import { useSpotifySaveConfig, type TSpotifySaveConfig } from "../../src/server/spotify/spotify-save-config";
import { FakeSpotifyPlaylists } from "../../../../packages/providers/test/fake-spotify-playlists";
import { BASE, call, type TCallResult } from "./call-route";
import { prepareDatabase, type TPreparedDatabase } from "./prepare-database";

const REDIRECT = `${BASE}/api/spotify/callback`;
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

type TJar = Map<string, string>;

/** Applies a response's Set-Cookie headers to a jar, as a browser would (Max-Age=0 deletes). */
function remember(jar: TJar, res: TCallResult): string[] {
  const set = res.headers.getSetCookie();
  for (const line of set) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq);
    if (/Max-Age=0\b/.test(line)) jar.delete(name);
    else jar.set(name, pair!.slice(eq + 1));
  }
  return set;
}

const cookieHeader = (jar: TJar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export function describeSpotifySaveSuite(kind: "pglite" | "postgres"): void {
  describe(`Save to Spotify on ${kind}`, () => {
    let database: TPreparedDatabase;
    let db: TDb;
    let fake: FakeSpotifyPlaylists;
    let config: TSpotifySaveConfig;
    let recommendationId: string;
    let trackIds: string[];

    beforeAll(async () => {
      database = await prepareDatabase(kind);
      db = await createPrismaClient(database.config);
      useDatabase(db);
      fake = await new FakeSpotifyPlaylists("anisongtestclient0001", [REDIRECT]).start();
      config = {
        clientId: fake.clientId,
        redirectUri: REDIRECT,
        accountsBase: fake.url,
        apiBase: fake.url,
        timeoutMs: 1000,
        maxRetryAfterMs: 500,
      };
      const created = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { title: "Levitating", artist: "Dua Lipa" },
      });
      expect(created.status).toBe(201);
      recommendationId = created.body.id;
      trackIds = created.body.items.map((i: { trackId: string }) => i.trackId);
    });

    beforeEach(() => {
      useSpotifySaveConfig(config);
      fake.consent = "approve";
      fake.userRegistered = true;
      fake.failAlways("create-playlist", null);
    });

    afterAll(async () => {
      useSpotifySaveConfig(undefined);
      useDatabase(undefined);
      await fake?.stop();
      if (db) await closePrismaClient(db);
      if (database) await database.drop();
    });

    const login = (jar: TJar, id = recommendationId, headers: Record<string, string> = SAME_ORIGIN) =>
      call(loginRoute.GET, `/api/spotify/login?recommendation=${encodeURIComponent(id)}`, {
        headers: { ...headers, cookie: cookieHeader(jar) },
      });

    /** What a browser does after login's 302: Spotify's authorize page answers with the redirect back. */
    async function authorize(location: string): Promise<string> {
      const res = await fetch(location, { redirect: "manual" });
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get("location")!);
      expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
      return `${back.pathname}${back.search}`;
    }

    const callback = (jar: TJar, pathAndQuery: string) => call(callbackRoute.GET, pathAndQuery, { headers: { cookie: cookieHeader(jar) } });

    /** The whole flow from the button to the permalink; returns the final redirect. */
    async function saveWithSignIn(jar: TJar): Promise<TCallResult> {
      const started = await login(jar);
      expect(started.status).toBe(302);
      remember(jar, started);
      const back = await callback(jar, await authorize(started.headers.get("location")!));
      remember(jar, back);
      return back;
    }

    test("the button's link redirects to Spotify's consent page with PKCE S256, keeping the verifier in an httpOnly cookie", async () => {
      const jar: TJar = new Map();
      const res = await login(jar);
      expect(res.status).toBe(302);
      const url = new URL(res.headers.get("location")!);
      expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/authorize`);
      expect(url.searchParams.get("client_id")).toBe(fake.clientId);
      expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT);
      expect(url.searchParams.get("scope")).toBe("playlist-modify-private");
      expect(url.searchParams.get("code_challenge_method")).toBe("S256");
      const [set] = remember(jar, res);
      expect(set).toMatch(/^anisong_spotify_login=[A-Za-z0-9_-]+; Path=\/api\/spotify; Max-Age=600; HttpOnly; SameSite=Lax$/);
      const pending = JSON.parse(Buffer.from(jar.get("anisong_spotify_login")!, "base64url").toString());
      expect(pending.recommendationId).toBe(recommendationId);
      expect(pending.state).toBe(url.searchParams.get("state"));
      expect(url.searchParams.get("code_challenge")).toBe(createHash("sha256").update(pending.verifier).digest("base64url"));
      expect(res.headers.get("cache-control")).toBe("no-store");
    });

    test("full save: consent, code exchange, a private playlist with every pick in one call, tokens only on the server", async () => {
      const jar: TJar = new Map();
      const tokenCallsBefore = fake.count("token");
      const addsBefore = fake.count("add-items");
      const res = await saveWithSignIn(jar);
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get("location")!);
      expect(`${back.origin}${back.pathname}`).toBe(`${BASE}/recommendations/${recommendationId}`);
      const playlistId = back.searchParams.get("saved")!;
      const playlist = fake.playlists.get(playlistId)!;
      expect(playlist.public).toBe(false);
      expect(playlist.name).toMatch(/^Anisong: like Levitating/);
      expect(playlist.description).toContain(`${BASE}/recommendations/${recommendationId}`);
      expect(playlist.uris).toEqual(trackIds.map((id) => `spotify:track:${id}`));
      expect(fake.count("token")).toBe(tokenCallsBefore + 1);
      expect(fake.count("add-items")).toBe(addsBefore + 1);

      // The login cookie is spent; the browser holds only a random session cookie, the tokens are in the database.
      expect(jar.has("anisong_spotify_login")).toBe(false);
      const token = jar.get("anisong_spotify_session")!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await db.spotifySession.findUniqueOrThrow({ where: { id: createHash("sha256").update(token).digest("hex") } });
      expect(row.accessToken).toMatch(/^BQ-user-token-/);
      expect(row.refreshToken).toMatch(/^AQ-refresh-/);
      expect(res.headers.getSetCookie().join("\n")).not.toContain(row.accessToken);
    });

    test("signed in: the next save goes straight to Spotify's API, refreshing an expired token once and storing it", async () => {
      const jar: TJar = new Map();
      await saveWithSignIn(jar);
      const rowId = createHash("sha256").update(jar.get("anisong_spotify_session")!).digest("hex");
      const before = await db.spotifySession.findUniqueOrThrow({ where: { id: rowId } });
      const authorizeBefore = fake.count("authorize");

      const again = await login(jar);
      expect(again.status).toBe(302);
      expect(new URL(again.headers.get("location")!).searchParams.get("saved")).toMatch(/^FakePlaylist/);
      expect(fake.count("authorize")).toBe(authorizeBefore);

      fake.expireTokens(); // Spotify answers 401: refresh once, retry, keep the new tokens
      const refreshed = await login(jar);
      const savedId = new URL(refreshed.headers.get("location")!).searchParams.get("saved")!;
      expect(fake.playlists.get(savedId)!.uris).toHaveLength(trackIds.length);
      const after = await db.spotifySession.findUniqueOrThrow({ where: { id: rowId } });
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(await db.spotifySession.count({ where: { id: rowId } })).toBe(1);
      expect(fake.count("authorize")).toBe(authorizeBefore);
    });

    test("a revoked sign-in is forgotten and the listener is sent to sign in again", async () => {
      const jar: TJar = new Map();
      await saveWithSignIn(jar);
      const rowId = createHash("sha256").update(jar.get("anisong_spotify_session")!).digest("hex");
      fake.expireTokens();
      fake.revokeRefreshTokens();
      const res = await login(jar);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")!.startsWith(`${fake.url}/authorize?`)).toBe(true);
      remember(jar, res);
      expect(jar.has("anisong_spotify_session")).toBe(false);
      expect(jar.has("anisong_spotify_login")).toBe(true);
      expect(await db.spotifySession.count({ where: { id: rowId } })).toBe(0);
    });

    test("a session past its cookie's 30 days is not used, and the next sign-in deletes it", async () => {
      const jar: TJar = new Map();
      await saveWithSignIn(jar);
      const oldRowId = createHash("sha256").update(jar.get("anisong_spotify_session")!).digest("hex");
      const aged = new Date(Date.now() - (30 * 24 * 3600 + 60) * 1000);
      await db.spotifySession.update({ where: { id: oldRowId }, data: { createdAt: aged } });
      const authorizeBefore = fake.count("authorize");

      // A copied cookie that outlived its Max-Age: the row is no one's session, so the save asks Spotify again.
      const res = await login(jar);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")!.startsWith(`${fake.url}/authorize?`)).toBe(true);
      remember(jar, res);
      const back = await callback(jar, await authorize(res.headers.get("location")!));
      expect(new URL(back.headers.get("location")!).searchParams.get("saved")).toMatch(/^FakePlaylist/);
      expect(fake.count("authorize")).toBe(authorizeBefore + 1);
      remember(jar, back);
      expect(await db.spotifySession.count({ where: { id: oldRowId } })).toBe(0);
      expect(await db.spotifySession.count({ where: { createdAt: { lt: aged } } })).toBe(0);
      const newRowId = createHash("sha256").update(jar.get("anisong_spotify_session")!).digest("hex");
      expect(await db.spotifySession.count({ where: { id: newRowId } })).toBe(1);
    });

    test("a listener who refuses comes back to the permalink with spotifyError=denied; nothing is created", async () => {
      fake.consent = "deny";
      const jar: TJar = new Map();
      const before = fake.playlists.size;
      const res = await saveWithSignIn(jar);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`${BASE}/recommendations/${recommendationId}?spotifyError=denied`);
      expect(fake.playlists.size).toBe(before);
      expect(jar.has("anisong_spotify_login")).toBe(false);
    });

    test.each([
      ["forbidden_user", () => (fake.userRegistered = false)],
      ["rate_limited", () => fake.failAlways("create-playlist", { status: 429, headers: { "Retry-After": "120" } })],
      ["upstream_unavailable", () => fake.failAlways("create-playlist", { status: 503 })],
      ["malformed", () => fake.failAlways("create-playlist", { malformed: true })],
    ])("Spotify's fault → the permalink says %s", async (code, arrange) => {
      arrange();
      const res = await saveWithSignIn(new Map());
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`${BASE}/recommendations/${recommendationId}?spotifyError=${code}`);
    });

    test("the callback refuses a state that does not match, a missing sign-in and a replayed code (400, nothing saved)", async () => {
      const jar: TJar = new Map();
      const started = await login(jar);
      remember(jar, started);
      const back = await authorize(started.headers.get("location")!);
      const forged = back.replace(/state=[^&]+/, "state=forgedstate");
      const before = fake.playlists.size;
      const mismatch = await callback(jar, forged);
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.message).toMatch(/^state:/);
      expect(mismatch.headers.get("set-cookie")).toMatch(/^anisong_spotify_login=; .*Max-Age=0/);
      expect((await callback(new Map(), back)).status).toBe(400);
      expect(fake.playlists.size).toBe(before);

      // The real redirect once; then the same code again (a replay) comes back as invalid_grant.
      const ok = await callback(jar, back);
      expect(new URL(ok.headers.get("location")!).searchParams.get("saved")).toMatch(/^FakePlaylist/);
      const replay = await callback(jar, back);
      expect(new URL(replay.headers.get("location")!).searchParams.get("spotifyError")).toBe("invalid_grant");
    });

    test("another site cannot start a save; hostile input is a 400 naming the field", async () => {
      const jar: TJar = new Map();
      for (const headers of <Record<string, string>[]>[
        { "sec-fetch-site": "cross-site" },
        { "sec-fetch-site": "same-site" },
        {},
        { referer: "https://evil.example/" },
      ]) {
        const res = await login(jar, recommendationId, headers);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
      expect((await login(jar, recommendationId, { referer: `${BASE}/recommendations/${recommendationId}` })).status).toBe(302);
      expect((await login(jar, recommendationId, { "sec-fetch-site": "none" })).status).toBe(302);

      for (const bad of ["", "not-a-uuid", "../../etc/passwd", "<script>", '1\'; DROP TABLE "SpotifySession"; --', "\u0000"]) {
        const res = await login(jar, bad);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^recommendation:/);
      }
      const unknown = await login(jar, "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b");
      expect(unknown.status).toBe(404);
      const twice = await call(loginRoute.GET, `/api/spotify/login?recommendation=${recommendationId}&recommendation=${recommendationId}`, {
        headers: SAME_ORIGIN,
      });
      expect(twice.status).toBe(400);
      expect(
        (await call(loginRoute.GET, `/api/spotify/login?recommendation=${recommendationId}&x=1`, { headers: SAME_ORIGIN })).status,
      ).toBe(400);

      for (const query of [
        "",
        "?state=",
        "?state=a&code=%3Cscript%3E",
        `?state=${"a".repeat(300)}&code=x`,
        "?state=ok&error=%00",
        "?state=ok&state=ok",
      ]) {
        const res = await callback(jar, `/api/spotify/callback${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("bad_request");
      }
      // A hand-made login cookie that is not ours is "expired", not a crash.
      const junk: TJar = new Map([["anisong_spotify_login", "%%%not-base64%%%"]]);
      expect((await callback(junk, "/api/spotify/callback?state=abc&code=def")).status).toBe(400);
      expect(await db.spotifySession.count({ where: { accessToken: { contains: "<" } } })).toBe(0);
    });

    test("not configured: both routes answer 404 with a clear message and nothing reaches Spotify", async () => {
      useSpotifySaveConfig(null);
      const before = fake.requests.length;
      const started = await login(new Map());
      expect(started.status).toBe(404);
      expect(started.body.error).toEqual({ code: "not_found", message: "Saving to Spotify is not set up on this server." });
      expect((await callback(new Map(), "/api/spotify/callback?state=a&code=b")).status).toBe(404);
      expect(fake.requests.length).toBe(before);
    });
  });
}
