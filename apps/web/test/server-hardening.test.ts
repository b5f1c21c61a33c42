// What only a real `next start` shows: methods the route handlers never see (TRACE answers before
// Next), malformed percent-escapes in the path (Next decodes params before the route runs), the
// security headers, and whose address the write limit counts (X-Forwarded-For trusted only from
// ANISONG_TRUSTED_PROXIES). Two servers on one PostgreSQL database: A trusts nobody, B trusts
// 127.0.0.1 (the test itself plays the proxy) and says it is behind TLS.
import { createRandom, hostileForwardedFor, SEED } from "./support/hostile-cases";
import { ensureBuilt, startNextServer, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";
import { rawRequest } from "./support/raw-http";

jest.setTimeout(600_000);

let database: TPreparedDatabase;
let a: TNextServer;
let b: TNextServer;
const LIMIT = { ANISONG_WRITE_RATE_BURST: "5", ANISONG_WRITE_RATE_PER_MINUTE: "1", ANISONG_PROVIDERS: "catalog", REDIS_URL: "" };

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("postgres");
  [a, b] = await Promise.all([
    startNextServer({ ...database.env, ...LIMIT, ANISONG_TRUSTED_PROXIES: "" }),
    startNextServer({ ...database.env, ...LIMIT, ANISONG_TRUSTED_PROXIES: "127.0.0.1/32,::1", ANISONG_BEHIND_TLS: "true" }),
  ]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

const write = (server: TNextServer, forwardedFor?: string) =>
  rawRequest(server.url, {
    method: "POST",
    path: "/api/recommendations",
    headers: { "content-type": "application/json", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: JSON.stringify({ trackId: "5nujrmhLynf4yMoMtj8AQF" }),
  });

describe("the client's address (D7)", () => {
  test("trusting nobody: a different X-Forwarded-For on every write does not escape the limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await write(a, `198.51.100.${i + 1}`)).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
  });

  test("trusting the proxy at 127.0.0.1: each forwarded client has its own budget, and forging left of it changes nothing", async () => {
    for (let i = 0; i < 5; i++) expect((await write(b, `203.0.113.10`)).status).toBe(201);
    expect((await write(b, `203.0.113.10`)).status).toBe(429);
    // A client that prepends its own entry is still 203.0.113.10 (the entry the trusted proxy added).
    expect((await write(b, `6.6.6.6, 203.0.113.10`)).status).toBe(429);
    expect((await write(b, `203.0.113.11`)).status).toBe(201);
  });
});

describe("methods and paths only the server sees (D3, D4)", () => {
  const API = [
    "/api/songs",
    "/api/search",
    "/api/insights",
    "/api/health",
    "/api/recommendations",
    "/api/recommendations/3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b/rating",
  ];

  test.each(API)("TRACE, PUT, DELETE, PATCH, PROPFIND, QUERY on %s → 405 JSON with Allow; OPTIONS → 204 with Allow", async (path) => {
    const writes = path.startsWith("/api/recommendations");
    const allow = writes ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
    // Methods Node's HTTP parser does not know (TRACK, FOO) never reach the app: Node answers 400 itself.
    for (const method of ["TRACK", "FOO"]) expect((await rawRequest(a.url, { method, path })).status).toBe(400);
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND", "QUERY", writes ? "GET" : "POST", ...(writes ? ["HEAD"] : [])]) {
      const res = await rawRequest(a.url, { method, path });
      expect({ method, status: res.status, allow: res.headers.allow }).toEqual({ method, status: 405, allow });
      if (method !== "HEAD") expect(res.json?.error?.code).toBe("method_not_allowed");
    }
    const options = await rawRequest(a.url, { method: "OPTIONS", path });
    expect([options.status, options.headers.allow]).toEqual([204, allow]);
  });

  test("TRACE on a page is a 405 too, not a 500", async () => {
    const res = await rawRequest(a.url, { method: "TRACE", path: "/" });
    expect(res.status).toBe(405);
  });

  test.each([
    "/api/recommendations/%zz/rating",
    "/api/recommendations/%/rating",
    "/api/recommendations/%E0%A4%A/rating",
    "/api/songs/%ed%a0%80",
  ])("%s → 400 JSON", async (path) => {
    const res = await rawRequest(a.url, { method: "POST", path, headers: { "content-type": "application/json" }, body: '{"stars":3}' });
    expect(res.status).toBe(400);
    expect(res.json?.error?.code).toBe("bad_request");
    expect(res.headers["content-type"]).toMatch(/application\/json/);
  });

  test(`seeded methods, paths and forged headers against the server (seed ${SEED}): never a 5xx`, async () => {
    const r = createRandom(SEED);
    const methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "TRACK", "FOO", "PROPFIND", "M-SEARCH"];
    const segments = [
      "%zz",
      "%",
      "%2",
      "%E0%A4%A",
      "%ed%a0%80",
      "%00",
      "%C0%AF",
      "..%2F..%2F",
      "%252e",
      "abc",
      "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b",
      "%F0%9F%8E%B5",
    ];
    for (let i = 0; i < 400; i++) {
      const method = r.pick(methods);
      const path = r.pick([
        `/api/recommendations/${r.pick(segments)}/rating`,
        `/api/${r.pick(["songs", "search", "insights", "health", "recommendations"])}${r.chance(0.3) ? `?title=${r.pick(segments)}` : ""}`,
        `/api/${r.pick(segments)}`,
      ]);
      const headers: Record<string, string> = { "x-forwarded-for": hostileForwardedFor(r) };
      let body: string | undefined;
      if (method === "POST" || method === "PUT") {
        headers["content-type"] = "application/json";
        body = r.pick(['{"stars":3}', '{"title":"\\u0000"}', '{"title":"\\ud800"}', "[[[[", ""]);
      }
      const res = await rawRequest(r.chance(0.5) ? a.url : b.url, { method, path, headers, body });
      if (res.status >= 500) throw new Error(`seed ${SEED} case #${i}: ${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
    }
  });
});

describe("security headers (D6)", () => {
  test("a page: nonce CSP, nosniff, no framing, referrer and permissions policies; HSTS only behind TLS", async () => {
    const plain = await rawRequest(a.url, { method: "HEAD", path: "/" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(plain.headers["content-security-policy"]).toContain("frame-src https://open.spotify.com;");
    expect(plain.headers["x-content-type-options"]).toBe("nosniff");
    expect(plain.headers["x-frame-options"]).toBe("DENY");
    expect(plain.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(plain.headers["permissions-policy"]).toMatch(/camera=\(\)/);
    expect(plain.headers["strict-transport-security"]).toBeUndefined();

    const tls = await rawRequest(b.url, { method: "HEAD", path: "/" });
    expect(tls.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(tls.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    const api = await rawRequest(b.url, { method: "GET", path: "/api/health" });
    expect(api.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(api.headers["x-content-type-options"]).toBe("nosniff");
    expect(api.json.rateLimits).toBe("per-instance");
  });
});
