// "Save to Spotify" against a loopback Spotify accounts service + Web API: PKCE, code exchange, refresh,
// playlist creation, adding items in one call, and every fault path the issue names.
import { createHash } from "node:crypto";
import {
  codeChallengeFor,
  createCodeVerifier,
  createOAuthState,
  savePlaylist,
  SpotifyPlaylistClient,
  SpotifySaveError,
  type TSpotifyTokens,
} from "../src/spotify-playlists";
import { FakeSpotifyPlaylists } from "./fake-spotify-playlists";

const REDIRECT = "http://127.0.0.1:3999/api/spotify/callback";
const TRACKS = ["5nujrmhLynf4yMoMtj8AQF", "0VjIjW4GlUZAMYd2vXMi3b", "7qiZfU4dY1lWllzX7mPBI3"].map((id) => `spotify:track:${id}`);
let fake: FakeSpotifyPlaylists;

beforeAll(async () => {
  fake = await new FakeSpotifyPlaylists("test-pkce-client-id", [REDIRECT]).start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.consent = "approve";
  fake.userRegistered = true;
  fake.rotateRefreshTokens = true;
  fake.expiresIn = 3600;
  fake.failAlways("create-playlist", null);
  fake.failAlways("add-items", null);
  fake.failAlways("token", null);
});

function client(overrides: Partial<ConstructorParameters<typeof SpotifyPlaylistClient>[0]> = {}): SpotifyPlaylistClient {
  return new SpotifyPlaylistClient({
    clientId: fake.clientId,
    redirectUri: REDIRECT,
    accountsBase: fake.url,
    apiBase: fake.url,
    timeoutMs: 500,
    maxRetryAfterMs: 1000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<SpotifySaveError> {
  const error = await promise.then(
    () => new Error("expected a SpotifySaveError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpotifySaveError);
  return error as SpotifySaveError;
}

/** Runs the real authorize redirect and code exchange; returns the listener's tokens. */
async function signIn(c = client()): Promise<TSpotifyTokens> {
  const verifier = createCodeVerifier();
  const state = createOAuthState();
  const res = await fetch(c.authorizeUrl({ codeChallenge: codeChallengeFor(verifier), state }), { redirect: "manual" });
  const back = new URL(res.headers.get("location")!);
  expect(back.searchParams.get("state")).toBe(state);
  return c.exchangeCode({ code: back.searchParams.get("code")!, codeVerifier: verifier });
}

describe("PKCE and the authorize URL", () => {
  it("makes a 43–128 character verifier whose S256 challenge is base64url(sha256(verifier))", () => {
    const verifier = createCodeVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(createCodeVerifier()).not.toBe(verifier);
    const expected = createHash("sha256").update(verifier).digest("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(codeChallengeFor(verifier)).toBe(expected);
  });

  it("asks for code, S256, the private-playlist scope and the registered redirect", () => {
    const url = new URL(client().authorizeUrl({ codeChallenge: "abc", state: "xyz" }));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: fake.clientId,
      response_type: "code",
      redirect_uri: REDIRECT,
      code_challenge_method: "S256",
      code_challenge: "abc",
      scope: "playlist-modify-private",
      state: "xyz",
    });
  });
});

describe("token exchange and refresh", () => {
  it("exchanges the code with a form body holding the verifier and no secret", async () => {
    const before = fake.requests.length;
    const tokens = await signIn();
    const exchange = fake.requests.slice(before).find((r) => r.path === "/api/token")!;
    const form = new URLSearchParams(exchange.body);
    expect([...form.keys()].sort()).toEqual(["client_id", "code", "code_verifier", "grant_type", "redirect_uri"]);
    expect(form.get("grant_type")).toBe("authorization_code");
    expect(form.get("redirect_uri")).toBe(REDIRECT);
    expect(exchange.authorization).toBeUndefined();
    expect(tokens.accessToken).toMatch(/^BQ-user-token-/);
    expect(tokens.refreshToken).toMatch(/^AQ-refresh-/);
    expect(tokens.scope).toBe("playlist-modify-private");
    expect(Math.abs(tokens.expiresAt.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
  });

  it("refuses a wrong verifier and a used code as invalid_grant", async () => {
    const c = client();
    const verifier = createCodeVerifier();
    const res = await fetch(c.authorizeUrl({ codeChallenge: codeChallengeFor(verifier), state: "s" }), { redirect: "manual" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    expect((await failure(c.exchangeCode({ code, codeVerifier: createCodeVerifier() }))).code).toBe("invalid_grant");
    await c.exchangeCode({ code, codeVerifier: verifier });
    const reused = await failure(c.exchangeCode({ code, codeVerifier: verifier }));
    expect(reused.code).toBe("invalid_grant");
    expect(reused.message).not.toContain(code);
  });

  it("names a wrong client id invalid_client", async () => {
    expect((await failure(client({ clientId: "someone-else" }).exchangeCode({ code: "x", codeVerifier: createCodeVerifier() }))).code).toBe(
      "invalid_client",
    );
  });

  it("refreshes with a new refresh token, and keeps the old one when none comes back", async () => {
    const c = client();
    const tokens = await signIn(c);
    const rotated = await c.refresh(tokens.refreshToken);
    expect(rotated.accessToken).not.toBe(tokens.accessToken);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    const form = new URLSearchParams(fake.requests.at(-1)!.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: "refresh_token", refresh_token: tokens.refreshToken, client_id: fake.clientId });

    fake.rotateRefreshTokens = false;
    const kept = await c.refresh(rotated.refreshToken);
    expect(kept.refreshToken).toBe(rotated.refreshToken);
    expect((await c.refresh(kept.refreshToken)).refreshToken).toBe(rotated.refreshToken);

    fake.revokeRefreshTokens();
    expect((await failure(c.refresh(kept.refreshToken))).code).toBe("invalid_grant");
  });
});

describe("create the playlist and add the tracks", () => {
  it("creates a private playlist and adds every track in one call", async () => {
    const c = client();
    const tokens = await signIn(c);
    const before = fake.requests.length;
    const saved = await savePlaylist({
      client: c,
      tokens,
      onTokens: async () => {},
      name: "Anisong: like Levitating",
      description: "Anime songs that sound like Levitating",
      uris: TRACKS,
    });
    const playlist = fake.playlists.get(saved.playlistId)!;
    expect(playlist).toMatchObject({ name: "Anisong: like Levitating", public: false, uris: TRACKS });
    expect(saved.url).toBe(`https://open.spotify.com/playlist/${saved.playlistId}`);
    expect(saved.snapshotId).toMatch(/fakesnapshot$/);
    const calls = fake.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/me/playlists", `POST /v1/playlists/${saved.playlistId}/items`]);
    expect(JSON.parse(calls[0]!.body)).toEqual({
      name: "Anisong: like Levitating",
      description: "Anime songs that sound like Levitating",
      public: false,
    });
    expect(JSON.parse(calls[1]!.body)).toEqual({ uris: TRACKS });
  });

  it("adds up to 100 uris in one call and refuses more, or anything not a track URI, before calling", async () => {
    const c = client();
    const tokens = await signIn(c);
    const { id } = await c.createPlaylist(tokens.accessToken, { name: "n", description: "" });
    const hundred = Array.from({ length: 100 }, (_, i) => `spotify:track:${String(i).padStart(22, "A")}`);
    const before = fake.count("add-items");
    await c.addItems(tokens.accessToken, id, hundred);
    expect(fake.count("add-items")).toBe(before + 1);
    expect(fake.playlists.get(id)!.uris).toHaveLength(100);
    await expect(c.addItems(tokens.accessToken, id, [...hundred, TRACKS[0]!])).rejects.toThrow(RangeError);
    await expect(c.addItems(tokens.accessToken, id, [])).rejects.toThrow(RangeError);
    await expect(c.addItems(tokens.accessToken, id, ["javascript:alert(1)"])).rejects.toThrow(RangeError);
    expect(fake.count("add-items")).toBe(before + 1);
  });

  it("refreshes an expired token first, and stores the new pair", async () => {
    const c = client();
    fake.expiresIn = 30; // inside the 60 s margin: refresh before the first call
    const tokens = await signIn(c);
    const stored: TSpotifyTokens[] = [];
    const saved = await savePlaylist({
      client: c,
      tokens,
      onTokens: async (t) => void stored.push(t),
      name: "n",
      description: "d",
      uris: TRACKS,
    });
    expect(stored).toHaveLength(1);
    expect(saved.tokens).toBe(stored[0]);
    expect(saved.tokens.refreshToken).not.toBe(tokens.refreshToken);
  });

  it("a 401 refreshes once and retries; a second 401 is an unauthorized error", async () => {
    const c = client();
    const tokens = await signIn(c);
    fake.expireTokens();
    const stored: TSpotifyTokens[] = [];
    const refreshesBefore = fake.requests.filter((r) => r.body.includes("grant_type=refresh_token")).length;
    const saved = await savePlaylist({
      client: c,
      tokens,
      onTokens: async (t) => void stored.push(t),
      name: "n",
      description: "d",
      uris: TRACKS,
    });
    expect(fake.playlists.get(saved.playlistId)!.uris).toEqual(TRACKS);
    expect(stored).toHaveLength(1);
    expect(fake.requests.filter((r) => r.body.includes("grant_type=refresh_token")).length).toBe(refreshesBefore + 1);

    fake.failAlways("create-playlist", {
      status: 401,
      body: JSON.stringify({ error: { status: 401, message: "The access token expired" } }),
    });
    const error = await failure(
      savePlaylist({ client: c, tokens: saved.tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }),
    );
    expect(error.code).toBe("unauthorized");
  });

  it("a refused refresh after a 401 is invalid_grant (sign in again)", async () => {
    const c = client();
    const tokens = await signIn(c);
    fake.expireTokens();
    fake.revokeRefreshTokens();
    expect(
      (await failure(savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }))).code,
    ).toBe("invalid_grant");
  });

  it("403 for a user not registered in the dashboard is forbidden_user", async () => {
    const c = client();
    const tokens = await signIn(c);
    fake.userRegistered = false;
    const error = await failure(savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }));
    expect(error.code).toBe("forbidden_user");
    expect(error.details.status).toBe(403);
  });

  it("429: waits for a short Retry-After once, refuses a long one at once", async () => {
    const c = client();
    const tokens = await signIn(c);
    const limited = (seconds: string) => ({ status: 429, headers: { "Retry-After": seconds } });
    fake.failNext("create-playlist", limited("0.2"));
    const before = fake.count("create-playlist");
    const saved = await savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS });
    expect(fake.count("create-playlist")).toBe(before + 2);
    expect(fake.playlists.get(saved.playlistId)!.uris).toEqual(TRACKS);

    fake.failNext("create-playlist", limited("30"));
    const long = await failure(savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }));
    expect(long.code).toBe("rate_limited");
    expect(long.details.retryAfterMs).toBe(30_000);

    fake.failNext("add-items", limited("0.1"), limited("0.1"));
    const twice = await failure(savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }));
    expect(twice.code).toBe("rate_limited");
    expect(twice.message).toContain("still limited after waiting once");
  });

  it("5xx, a timeout and a refused connection are upstream_unavailable", async () => {
    const c = client({ timeoutMs: 200 });
    const tokens = await signIn(c);
    const save = (cl = c) => savePlaylist({ client: cl, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS });
    for (const status of [500, 502, 503]) {
      fake.failNext("create-playlist", { status });
      expect((await failure(save())).code).toBe("upstream_unavailable");
    }
    fake.failNext("token", { status: 503 });
    expect((await failure(c.refresh(tokens.refreshToken))).code).toBe("upstream_unavailable");
    fake.failNext("add-items", { delayMs: 400 });
    expect((await failure(save())).code).toBe("upstream_unavailable");
    const closed = client({ apiBase: "http://127.0.0.1:9", accountsBase: "http://127.0.0.1:9" });
    expect((await failure(save(closed))).code).toBe("upstream_unavailable");
  });

  it("a malformed or wrongly shaped body is malformed, never a crash", async () => {
    const c = client();
    const tokens = await signIn(c);
    fake.failNext("create-playlist", { malformed: true });
    expect(
      (await failure(savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }))).code,
    ).toBe("malformed");
    fake.failNext("create-playlist", { status: 201, body: JSON.stringify({ id: "../../etc" }) });
    expect(
      (await failure(savePlaylist({ client: c, tokens, onTokens: async () => {}, name: "n", description: "d", uris: TRACKS }))).code,
    ).toBe("malformed");
    fake.failNext("token", { status: 200, body: JSON.stringify({ access_token: "x", token_type: "Bearer" }) });
    expect((await failure(c.refresh(tokens.refreshToken))).code).toBe("malformed");
    fake.failNext("token", { status: 400, body: "<html>bad</html>" });
    expect((await failure(c.refresh(tokens.refreshToken))).code).toBe("rejected");
  });

  it("a refusing listener comes back with error=access_denied and the state", async () => {
    fake.consent = "deny";
    const res = await fetch(client().authorizeUrl({ codeChallenge: codeChallengeFor(createCodeVerifier()), state: "st" }), {
      redirect: "manual",
    });
    const back = new URL(res.headers.get("location")!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: "access_denied", state: "st" });
  });
});
