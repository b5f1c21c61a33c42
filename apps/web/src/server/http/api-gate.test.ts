import http from "node:http";
import type { AddressInfo } from "node:net";
import { apiGateAnswer } from "./api-gate";
import { answerBeforeNext } from "./node-server-hooks";
import { targetPathname } from "./web-request";

describe("apiGateAnswer", () => {
  test("a method the route answers and a page go on", () => {
    expect(apiGateAnswer({ method: "POST", pathname: "/api/recommendations" })).toBeNull();
    expect(apiGateAnswer({ method: "get", pathname: "/api/songs" })).toBeNull();
    expect(apiGateAnswer({ method: "GET", pathname: "/api/songs/" })).toBeNull(); // Next redirects it
    expect(apiGateAnswer({ method: "PUT", pathname: "/results" })).toBeNull();
  });

  test("a path no API route has: 404 JSON, not Next's HTML page", () => {
    for (const pathname of ["/api/nope", "/api", "/api/recommendations/a/b"]) {
      const answer = apiGateAnswer({ method: "GET", pathname });
      expect([answer?.status, answer?.headers["content-type"], JSON.parse(answer!.body!).error.code]).toEqual([
        404,
        "application/json; charset=utf-8",
        "not_found",
      ]);
    }
  });

  test("another method: 405 JSON with the route's Allow list", () => {
    const answer = apiGateAnswer({ method: "PATCH", pathname: "/api/recommendations/abc/rating" });
    expect(answer?.status).toBe(405);
    expect(answer?.headers).toMatchObject({ allow: "POST, OPTIONS", "content-type": "application/json; charset=utf-8" });
    expect(JSON.parse(answer!.body!)).toEqual({
      error: { code: "method_not_allowed", message: "PATCH is not allowed here; use POST, OPTIONS." },
    });
  });

  test("OPTIONS: 204 with Allow and no body", () => {
    expect(apiGateAnswer({ method: "OPTIONS", pathname: "/api/songs" })).toEqual({
      status: 204,
      headers: { allow: "GET, HEAD, OPTIONS" },
      body: null,
    });
  });

  test("a malformed percent-escape: 400 JSON, whatever the method", () => {
    for (const method of ["GET", "POST", "OPTIONS"]) {
      const answer = apiGateAnswer({ method, pathname: "/api/recommendations/%E0%A4%A/rating" });
      expect([answer?.status, JSON.parse(answer!.body!).error.code]).toEqual([400, "bad_request"]);
    }
  });
});

describe("targetPathname", () => {
  test.each([
    ["/api/songs?page=2", "/api/songs"],
    ["/", "/"],
    ["http://127.0.0.1:3000/api/health?x=1", "/api/health"],
    [undefined, "/"],
  ])("%s → %s", (url, pathname) => expect(targetPathname(url)).toBe(pathname));
});

describe("answerBeforeNext on a real Node server", () => {
  let server: http.Server;
  let url: string;
  const reachedNext: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // serveApi as in production: a path no route matches as it stands (a trailing slash) still reaches Next.
      if (answerBeforeNext(req, res, { serveApi: req.url!.endsWith("/") })) return;
      reachedNext.push(`${req.method} ${req.url} xff=${req.headers["x-forwarded-for"]}`);
      res.end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("answers the gate's cases itself and passes the rest on, with the peer appended to X-Forwarded-For", async () => {
    const put = await fetch(`${url}/api/songs`, { method: "PUT" });
    expect([put.status, put.headers.get("allow"), (await put.json()).error.code]).toEqual([
      405,
      "GET, HEAD, OPTIONS",
      "method_not_allowed",
    ]);
    const options = await fetch(`${url}/api/recommendations`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "POST, OPTIONS"]);
    const ok = await fetch(`${url}/api/songs?page=2`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(await ok.text()).toBe("next");
    const slash = await fetch(`${url}/api/songs/`, { redirect: "manual" });
    expect(await slash.text()).toBe("next"); // Next redirects it (308)
    expect(reachedNext).toEqual(["GET /api/songs?page=2 xff=203.0.113.9, 127.0.0.1", "GET /api/songs/ xff=127.0.0.1"]);
  });

  test("TRACE (which fetch refuses to carry) gets a 405: an API route's own Allow list, a page's GET, HEAD, OPTIONS", async () => {
    const trace = (path: string) =>
      new Promise<{ status?: number; allow?: string }>((resolve, reject) => {
        const req = http.request(`${url}${path}`, { method: "TRACE" }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode, allow: res.headers.allow }));
        });
        req.on("error", reject);
        req.end();
      });
    const before = reachedNext.length;
    expect(await trace("/api/recommendations")).toEqual({ status: 405, allow: "POST, OPTIONS" });
    expect(await trace("/results?title=x")).toEqual({ status: 405, allow: "GET, HEAD, OPTIONS" });
    expect(reachedNext).toHaveLength(before); // neither reached Next
  });
});
