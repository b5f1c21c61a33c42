// Hostile input to every route: empty, huge, wrong types, script tags, SQL-looking strings, odd unicode.
// Invalid input must get a typed 4xx JSON error; text that is merely strange may succeed; nothing gets a 5xx.
import { createPrismaClient, closePrismaClient, type TDb } from "@anisong/db";
import * as healthRoute from "../src/app/api/health/route";
import * as insightsRoute from "../src/app/api/insights/route";
import * as feedbackRoute from "../src/app/api/recommendations/[id]/items/[songId]/feedback/route";
import * as ratingRoute from "../src/app/api/recommendations/[id]/rating/route";
import * as recommendationsRoute from "../src/app/api/recommendations/route";
import * as searchRoute from "../src/app/api/search/route";
import * as songsRoute from "../src/app/api/songs/route";
import { useDatabase } from "../src/server/services";
import { call } from "./support/call-route";
import {
  createRandom,
  hostileForwardedFor,
  hostileJsonText,
  hostileQueryString,
  hostileString,
  hostileValue,
  isPoisoned,
  SEED,
  type TRandom,
} from "./support/hostile-cases";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(180_000);
process.env.ANISONG_WRITE_RATE_BURST = "100000";
process.env.ANISONG_PROVIDERS = "catalog";

const SCRIPT = "<script>alert(1)</script>";
const SQL = `' OR 1=1; DROP TABLE "Song"; --`;
const HUGE = "x".repeat(100_000);
const UNICODE = ["\u0000", "\ud800", "\u202e\u202d", "Z\u0351\u0352\u0353\u0354", "🎵".repeat(60), "怪物", "ｌｅｖｉｔａｔｉｎｇ"];

let database: TPreparedDatabase;
let db: TDb;
let songCount: number;
let recommendationId: string;

beforeAll(async () => {
  database = await prepareDatabase("pglite");
  db = await createPrismaClient(database.config);
  useDatabase(db);
  songCount = await db.song.count();
  const rec = await call(recommendationsRoute.POST, "/api/recommendations", {
    method: "POST",
    json: { trackId: "5nujrmhLynf4yMoMtj8AQF" },
  });
  expect(rec.status).toBe(201);
  expect(rec.body.query).toMatchObject({ source: "catalog", sourceLabel: "the offline Spotify tracks catalog" }); // label from the providers registry
  recommendationId = rec.body.id;
});

afterAll(async () => {
  useDatabase(undefined);
  if (db) await closePrismaClient(db);
  if (database) await database.drop();
});

afterEach(async () => {
  // Nothing hostile may have touched the library.
  expect(await db.song.count()).toBe(songCount);
});

function expectClientError(res: { status: number; body: any }, label: string): void {
  if (res.status < 400 || res.status >= 500)
    throw new Error(`${label}: expected 4xx, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  expect(typeof res.body.error?.code).toBe("string");
  expect(typeof res.body.error?.message).toBe("string");
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
}

function expectNo5xx(res: { status: number; body: any }, label: string): void {
  if (res.status >= 500) throw new Error(`${label}: got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe("GET /api/songs", () => {
  const bad = [
    "page=0",
    "page=-1",
    "page=abc",
    "page=1.5",
    "page=1e3",
    "page=",
    "page=99999999999",
    "size=0",
    "size=101",
    "size=-5",
    "size=ten",
    "sort=password",
    `sort=${encodeURIComponent(SCRIPT)}`,
    `sort=${encodeURIComponent(SQL)}`,
    "order=sideways",
    "page=1&page=2",
    `page=${"9".repeat(5000)}`,
    "cluster=-1",
    "cluster=abc",
    `order=${encodeURIComponent(HUGE.slice(0, 5000))}`,
  ];
  test.each(bad)("%s → 4xx", async (qs) => expectClientError(await call(songsRoute.GET, `/api/songs?${qs}`), qs));
});

describe("GET /api/search", () => {
  const bad = [
    "",
    "title=",
    "title=%20%20&artist=",
    q({ title: HUGE.slice(0, 5000) }),
    "title=a&title=b",
    "limit=0&title=a",
    "limit=1000&title=a",
  ];
  test.each(bad)("%s → 4xx", async (qs) => expectClientError(await call(searchRoute.GET, `/api/search?${qs}`), qs));

  const strange = [SCRIPT, SQL, ...UNICODE];
  test.each(strange)("title %j is only text: never 5xx, JSON back", async (title) => {
    const res = await call(searchRoute.GET, `/api/search?${q({ title })}`);
    expectNo5xx(res, title);
    if (res.status === 200) expect(Array.isArray(res.body.candidates)).toBe(true);
  });
});

describe("POST /api/recommendations", () => {
  const post = (body: BodyInit | undefined, type = "application/json") =>
    call(recommendationsRoute.POST, "/api/recommendations", { method: "POST", headers: { "content-type": type }, body });

  const badBodies: [string, BodyInit | undefined][] = [
    ["no body", undefined],
    ["empty", ""],
    ["not JSON", "{title: Levitating"],
    ["null", "null"],
    ["array", "[]"],
    ["number", "123"],
    ["string", '"Levitating"'],
    ["empty object", "{}"],
    ["empty title", JSON.stringify({ title: "" })],
    ["blank fields", JSON.stringify({ title: "   ", artist: "\t" })],
    ["title number", JSON.stringify({ title: 123 })],
    ["title array", JSON.stringify({ title: ["Levitating"] })],
    ["title object", JSON.stringify({ title: { $ne: null } })],
    ["title too long", JSON.stringify({ title: "a".repeat(1000) })],
    ["topN 0", JSON.stringify({ title: "Levitating", topN: 0 })],
    ["topN 51", JSON.stringify({ title: "Levitating", topN: 51 })],
    ["topN string", JSON.stringify({ title: "Levitating", topN: "10" })],
    ["topN fraction", JSON.stringify({ title: "Levitating", topN: 2.5 })],
    ["unknown key", JSON.stringify({ title: "Levitating", admin: true })],
    ["prototype key", '{"title":"Levitating","__proto__":{"admin":true}}'],
    ["bad track id", JSON.stringify({ trackId: "not-a-track" })],
    ["script track id", JSON.stringify({ trackId: SCRIPT })],
    ["sql track id", JSON.stringify({ trackId: SQL })],
    ["deep nesting", "[".repeat(3000) + "]".repeat(3000)],
    ["huge body", JSON.stringify({ title: HUGE })],
  ];
  test.each(badBodies)("%s → 4xx", async (label, body) => expectClientError(await post(body), label));

  test("wrong content type → 415", async () => {
    const res = await post(JSON.stringify({ title: "Levitating" }), "text/plain");
    expect(res.status).toBe(415);
  });

  test("a body past the limit is cut off with 413 even without Content-Length", async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(`{"title":"${"y".repeat(1000)}`));
        controller.close();
      },
    });
    const res = await call(recommendationsRoute.POST, "/api/recommendations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  const strangeTitles = [SCRIPT, SQL, ...UNICODE];
  test.each(strangeTitles)("title %j → 404 song_not_found or a real match, never 5xx", async (title) => {
    const res = await post(JSON.stringify({ title, artist: SQL }));
    expectNo5xx(res, title);
    expect([201, 404, 400]).toContain(res.status);
  });
});

describe("POST /api/recommendations/{id}/rating", () => {
  const rate = (id: string, body: BodyInit) =>
    call(ratingRoute.POST, `/api/recommendations/${encodeURIComponent(id)}/rating`, {
      method: "POST",
      params: { id },
      headers: { "content-type": "application/json" },
      body,
    });

  const badIds = ["not-a-uuid", "", SCRIPT, SQL, "1", "x".repeat(5000), "00000000-0000-0000-0000-00000000000g"];
  test.each(badIds)("id %j → 4xx", async (id) => expectClientError(await rate(id, JSON.stringify({ stars: 5 })), id));

  test("unknown id → 404", async () => {
    const res = await rate("3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b", JSON.stringify({ stars: 5 }));
    expect(res.status).toBe(404);
  });

  const badBodies = [
    "",
    "null",
    "[]",
    "{}",
    '{"stars":0}',
    '{"stars":6}',
    '{"stars":2.5}',
    '{"stars":"5"}',
    '{"stars":null}',
    '{"stars":true}',
    '{"stars":1e309}',
    `{"stars":5,"comment":"${"c".repeat(2000)}"}`,
    '{"stars":5,"comment":5}',
    '{"stars":5,"extra":1}',
    `{"stars":5,"comment":${JSON.stringify(HUGE)}}`,
  ];
  test.each(badBodies)("body %j → 4xx", async (body) => expectClientError(await rate(recommendationId, body), body.slice(0, 40)));

  test("script tags and SQL in a comment are stored as plain text", async () => {
    const res = await rate(recommendationId, JSON.stringify({ stars: 3, comment: `${SCRIPT} ${SQL} 🎵` }));
    expect(res.status).toBe(201);
    const stored = await db.rating.findUniqueOrThrow({ where: { recommendationId } });
    expect(stored.comment).toBe(`${SCRIPT} ${SQL} 🎵`);
  });
});

describe("GET /api/insights and /api/health", () => {
  const bad = [
    "recommendation=abc",
    `recommendation=${encodeURIComponent(SCRIPT)}`,
    `recommendation=${encodeURIComponent(SQL)}`,
    "recommendation=a&recommendation=b",
  ];
  test.each(bad)("insights %s → 4xx", async (qs) => expectClientError(await call(insightsRoute.GET, `/api/insights?${qs}`), qs));

  test("insights for an unknown recommendation → 404", async () => {
    const res = await call(insightsRoute.GET, "/api/insights?recommendation=3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b");
    expect(res.status).toBe(404);
  });

  test("health ignores stray query parameters", async () => {
    const res = await call(healthRoute.GET, `/api/health?${q({ x: SCRIPT, y: SQL })}`);
    expect(res.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------
// Generated cases: at least 2,000 per route from a seeded PRNG (HOSTILE_SEED overrides; the seed and
// the case are in every failure message). No 5xx at all (catalog-only resolution and a live database
// leave no intended 503 here); free text with NUL, other controls or lone surrogates is a 400 naming the
// field (D1, D2); a forged X-Forwarded-For changes nothing but the limiter's key (D7).

const CASES_PER_ROUTE = 2000;

type TCase = { label: string; path: string; init: Parameters<typeof call>[2]; poisonedField?: string };

async function runGenerated(route: string, handler: unknown, make: (r: TRandom, i: number) => TCase): Promise<Record<number, number>> {
  const r = createRandom(SEED ^ hashString(route));
  const statuses: Record<number, number> = {};
  for (let i = 0; i < CASES_PER_ROUTE; i++) {
    const c = make(r, i);
    const label = `seed ${SEED} ${route} case #${i} ${c.label}`.slice(0, 400);
    let res;
    try {
      res = await call(handler, c.path, { ...c.init, ip: r.chance(0.3) ? hostileForwardedFor(r) : undefined });
    } catch (error) {
      throw new Error(`${label}: the handler threw ${(error as Error).stack}`, { cause: error });
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) throw new Error(`${label}: got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    if (res.status >= 400) {
      if (typeof res.body?.error?.code !== "string") throw new Error(`${label}: ${res.status} without a JSON error body`);
    }
    if (c.poisonedField) {
      const paths: string[] = (res.body?.error?.issues ?? []).map((issue: { path: string }) => issue.path);
      if (res.status !== 400 || !paths.includes(c.poisonedField)) {
        throw new Error(`${label}: expected 400 naming ${c.poisonedField}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
  }
  return statuses;
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A query string; sometimes with one field carrying NUL or a control character (a URL can carry those). */
function queryCase(r: TRandom, base: string, keys: readonly string[], textKeys: readonly string[]): TCase {
  if (textKeys.length > 0 && r.chance(0.2)) {
    const field = r.pick(textKeys);
    const poison = r.pick(["%00", "a%00b", "%01", "%1B%5B31m", "%7F", "%C2%85"]);
    const others = keys.filter((k) => k !== field && !textKeys.includes(k));
    const extra = others.length > 0 && r.chance(0.5) ? `&${r.pick(others)}=1` : "";
    return { label: `${field}=${poison}`, path: `${base}?${field}=${poison}${extra}`, init: {}, poisonedField: field };
  }
  const qs = hostileQueryString(r, keys);
  return { label: qs.slice(0, 200), path: qs ? `${base}?${qs}` : base, init: {} };
}

function bodyCase(r: TRandom, base: string, keys: readonly string[], textKeys: readonly string[], params?: Record<string, string>): TCase {
  const roll = r.next();
  const headers: Record<string, string> = {
    "content-type": r.chance(0.95) ? "application/json" : r.pick(["text/plain", "", "application/jsonx", "multipart/form-data"]),
  };
  if (roll < 0.2) {
    const text = hostileJsonText(r);
    return { label: `raw ${JSON.stringify(text.slice(0, 80))}`, path: base, init: { method: "POST", headers, body: text, params } };
  }
  const body: Record<string, unknown> = {};
  for (const key of keys)
    if (r.chance(0.6))
      body[key] = key === "stars" && r.chance(0.6) ? r.int(1, 5) : key === "topN" && r.chance(0.5) ? r.int(1, 50) : hostileValue(r);
  if (r.chance(0.1)) body[hostileString(r).slice(0, 20).toWellFormed()] = hostileValue(r);
  let poisonedField: string | undefined;
  if (headers["content-type"] === "application/json" && roll < 0.45) {
    // A well-formed request except for one free-text field carrying NUL, a control or a lone surrogate.
    poisonedField = r.pick(textKeys);
    for (const key of Object.keys(body)) if (!keys.includes(key)) delete body[key];
    if ("stars" in body || keys.includes("stars")) body.stars = r.int(1, 5);
    if ("topN" in body) body.topN = 10;
    for (const key of textKeys) if (key !== poisonedField) body[key] = "Levitating";
    body[poisonedField] =
      r.pick(["Levitating", "Dua Lipa", "", "怪物"]) + r.pick(["\u0000", "\u0007", "\u001b", "\u0085", "\ud800", "\udfff", "\udc00\ud800"]);
  }
  const json = JSON.stringify(body); // JSON.stringify escapes lone surrogates as \udXXX: they reach the server
  const text = r.chance(0.05) ? json.slice(0, r.int(0, json.length)) : json;
  const complete = text === json;
  return {
    label: `${headers["content-type"]} ${text.slice(0, 200)}`,
    path: base,
    init: { method: "POST", headers, body: text, params },
    poisonedField: complete && poisonedField && isPoisoned(body[poisonedField]) ? poisonedField : undefined,
  };
}

describe(`generated hostile input, ${CASES_PER_ROUTE} seeded cases per route (seed ${SEED})`, () => {
  test("GET /api/songs", async () => {
    const statuses = await runGenerated("songs", songsRoute.GET, (r) =>
      queryCase(r, "/api/songs", ["page", "size", "sort", "order", "cluster"], []),
    );
    expect(statuses[200]).toBeGreaterThan(0);
  });

  test("GET /api/search", async () => {
    const statuses = await runGenerated("search", searchRoute.GET, (r) =>
      queryCase(r, "/api/search", ["title", "artist", "limit"], ["title", "artist"]),
    );
    expect(statuses[200]).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
  });

  test("GET /api/insights", async () => {
    const statuses = await runGenerated("insights", insightsRoute.GET, (r) =>
      r.chance(0.2)
        ? {
            label: "a real or unknown id",
            path: `/api/insights?recommendation=${r.pick([recommendationId, "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b"])}`,
            init: {},
          }
        : queryCase(r, "/api/insights", ["recommendation"], []),
    );
    expect(statuses[200]).toBeGreaterThan(0);
  });

  test("GET /api/health", async () => {
    const statuses = await runGenerated("health", healthRoute.GET, (r) => queryCase(r, "/api/health", ["x", "verbose", "model"], []));
    expect(statuses[200]).toBe(CASES_PER_ROUTE);
  });

  test("POST /api/recommendations", async () => {
    const statuses = await runGenerated("recommendations", recommendationsRoute.POST, (r) =>
      bodyCase(r, "/api/recommendations", ["title", "artist", "trackId", "topN"], ["title", "artist", "trackId"]),
    );
    expect(statuses[400]).toBeGreaterThan(0);
  });

  test("POST /api/recommendations/{id}/rating", async () => {
    // A few fresh recommendations to rate, so that both 201 and 409 happen.
    const fresh: string[] = [];
    for (let i = 0; i < 5; i++) {
      const rec = await call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { trackId: "5nujrmhLynf4yMoMtj8AQF" },
      });
      fresh.push(rec.body.id);
    }
    const statuses = await runGenerated("rating", ratingRoute.POST, (r) => {
      const id = r.chance(0.7)
        ? r.pick([...fresh, recommendationId, "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b"])
        : r.pick(["%zz", "not-a-uuid", "", "\u0000", "\ud800", "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7\u0000", hostileString(r)]);
      const c = bodyCase(r, `/api/recommendations/${encodeURIComponent(id.toWellFormed())}/rating`, ["stars", "comment"], ["comment"], {
        id,
      });
      // A bad id is refused before the body is read: then the poisoned comment is not the field named.
      return /^[0-9a-f-]{36}$/.test(id) ? c : { ...c, poisonedField: undefined };
    });
    expect(statuses[201]).toBeGreaterThan(0);
    expect(statuses[409]).toBeGreaterThan(0);
  });

  test("PUT /api/recommendations/{id}/items/{songId}/feedback", async () => {
    const rec = await call(recommendationsRoute.POST, "/api/recommendations", {
      method: "POST",
      json: { trackId: "5nujrmhLynf4yMoMtj8AQF" },
    });
    const songs: string[] = rec.body.items.map((i: { trackId: string }) => i.trackId);
    const statuses = await runGenerated("feedback", feedbackRoute.PUT, (r) => {
      const id = r.chance(0.8)
        ? r.pick([rec.body.id, "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b"])
        : r.pick(["not-a-uuid", "", "\u0000", hostileString(r)]);
      const songId = r.chance(0.8) ? r.pick([...songs, "5nujrmhLynf4yMoMtj8AQF"]) : r.pick(["", "a/b", "\u0000", hostileString(r)]);
      const path = `/api/recommendations/${encodeURIComponent(id.toWellFormed())}/items/${encodeURIComponent(songId.toWellFormed())}/feedback`;
      const params = { id, songId };
      if (r.chance(0.3)) {
        const body = JSON.stringify({ vote: r.pick(["like", "dislike"]) });
        return { label: `valid ${body}`, path, init: { method: "PUT", headers: { "content-type": "application/json" }, body, params } };
      }
      const c = bodyCase(r, path, ["vote"], ["vote"], params);
      // A bad id or track id is refused before the body is read: then the poisoned vote is not the field named.
      const wellFormed = /^[0-9a-f-]{36}$/.test(id) && /^[A-Za-z0-9_-]{1,64}$/.test(songId);
      return { ...c, init: { ...c.init, method: "PUT" }, poisonedField: wellFormed ? c.poisonedField : undefined };
    });
    expect(statuses[200]).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
    expect(statuses[404]).toBeGreaterThan(0);
  });
});
