// serve-api.ts on a real Node server and real sockets: Node's request → WHATWG Request → the handler →
// Node's response. The real routes behind it are tested through `next start` (test/*.test.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { apiRoutes, findApiRoute, type TApiRoute } from "./api-routes";
import { appendPeerAddress } from "./forward-peer-address";
import { handleRoute, json } from "./handle-route";
import { readJsonBody } from "./read-json-body";
import { acceptsGzip } from "./send-web-response";
import { serveApiRoute } from "./serve-api";

type TSeen = { method: string; url: string; params: Record<string, string>; bodyBytes: number; cookie: string | null; xff?: string | null };

const seen: TSeen[] = [];
let cancelled = 0;
const LONG = "x".repeat(5000);

const route = (handlers: Record<string, unknown>): TApiRoute => ({
  pattern: /^\/t\/(?<id>[^/]+)$/,
  methods: [],
  load: async () => handlers,
});

const handlers = {
  POST: handleRoute(async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    const body = await readJsonBody(request, 8192);
    return json({ body, params: await context.params }, { status: 201, headers: { "set-cookie": "a=1; Path=/" } });
  }),
  PATCH: async (request: Request) => {
    // Every way of reading a body works on the server's Request, as on any Request with these bytes.
    const copy = request.clone();
    const before = request.bodyUsed;
    const parsed = await request.json();
    const again = await request.text().then(
      () => "read twice",
      (error: Error) => error.name,
    );
    const reader = copy.body!.getReader();
    let streamed = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) streamed += new TextDecoder().decode(chunk.value);
    return json({ before, parsed, after: request.bodyUsed, again, streamed });
  },
  PUT: async (request: Request) => {
    seen.push({ method: request.method, url: request.url, params: {}, bodyBytes: (await request.arrayBuffer()).byteLength, cookie: null });
    return json({});
  },
  GET: async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    const bodyBytes = request.body ? (await request.arrayBuffer()).byteLength : 0;
    seen.push({
      method: request.method,
      url: request.url,
      params: await context.params,
      bodyBytes,
      cookie: request.headers.get("cookie"),
      xff: request.headers.get("x-forwarded-for"),
    });
    const url = new URL(request.url);
    if (url.searchParams.has("throw")) throw new Error("a bug outside handleRoute");
    if (url.searchParams.has("long")) return json({ long: LONG });
    if (url.searchParams.has("stream")) {
      let i = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Stops after 3 chunks unless the client reads on; a client that leaves cancels it.
          if (i++ < Number(url.searchParams.get("stream"))) controller.enqueue(new TextEncoder().encode(`row ${i}\n`));
          else controller.close();
        },
        cancel() {
          cancelled++;
        },
      });
      return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8" } });
    }
    const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    return new Response(JSON.stringify({ ok: true }), { headers });
  },
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    appendPeerAddress(req); // as the hooks do first
    const match = findApiRoute(req.url!.split("?")[0]!);
    if (match) return void serveApiRoute(req, res, match);
    const testMatch = /^\/t\/([^/?]+)/.exec(req.url!);
    void serveApiRoute(req, res, { route: route(handlers), params: { id: decodeURIComponent(testMatch?.[1] ?? "") } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request, so the test sees exactly the bytes and headers the server sent. */
function request(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("serveApiRoute", () => {
  test("a JSON answer: its status, its headers and every cookie, the security headers, and one write with its length", async () => {
    const res = await request("/t/abc", { headers: { cookie: "v=1", "x-forwarded-for": "203.0.113.9" } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    expect(res.headers["content-length"]).toBe(String(res.body.length));
    expect(res.headers["transfer-encoding"]).toBeUndefined();
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
    expect(res.headers["permissions-policy"]).toContain("camera=()");
    // The handler sees the headers as the hooks left them: the socket's peer appended to X-Forwarded-For.
    expect(seen.at(-1)).toMatchObject({ method: "GET", params: { id: "abc" }, cookie: "v=1", xff: "203.0.113.9, 127.0.0.1" });
  });

  test("the handler gets the body, the decoded params and the request's own URL", async () => {
    const res = await request("/t/a%20b", {
      method: "POST",
      headers: { "content-type": "application/json", host: "anisong.example:8080" },
      body: JSON.stringify({ title: "Levitating" }),
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body.toString())).toEqual({ body: { title: "Levitating" }, params: { id: "a b" } });
    await request("/t/x?q=1", { headers: { host: "bad host/../" } });
    expect(seen.at(-1)!.url).toBe("http://localhost/t/x?q=1");
  });

  test("a handler that reads the body itself gets it by any means, once, as from any Request", async () => {
    const body = JSON.stringify({ title: "怪物", artist: "YOASOBI" });
    const res = await request("/t/a", { method: "PATCH", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({
      before: false,
      parsed: { title: "怪物", artist: "YOASOBI" },
      after: true,
      again: "TypeError",
      streamed: body,
    });
  });

  test("a body past the limit: read no further than one byte past it, and the handler's 413", async () => {
    const big = JSON.stringify({ title: "x".repeat(200_000) });
    const res = await request("/t/a", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString()).error.code).toBe("payload_too_large");
    // Sent in chunks without a Content-Length: the handler sees the limit (ANISONG_MAX_BODY_BYTES) + 1 bytes.
    const chunked = (method: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${base}/t/a`, { method, headers: { "content-type": "application/json" } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject);
        for (let i = 0; i < 20; i++) req.write("x".repeat(1000));
        req.end();
      });
    expect(await chunked("POST")).toBe(413);
    expect(await chunked("PUT")).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: "PUT", bodyBytes: 8192 + 1 });
  });

  test("HEAD runs GET and sends no body; an error outside handleRoute is a 500 JSON, its stack only in the log", async () => {
    const head = await request("/t/h", { method: "HEAD" });
    expect([head.status, head.body.length, seen.at(-1)!.method]).toEqual([200, 0, "HEAD"]);
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await request("/t/x?throw=1");
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body.toString()).error.code).toBe("internal");
      expect(res.body.toString()).not.toContain("a bug outside handleRoute");
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  test("gzip when the client accepts it and the text is 1 KiB or more", async () => {
    const gz = await request("/t/g?long=1", { headers: { "accept-encoding": "br, gzip;q=0.8" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toBe("Accept-Encoding");
    expect(Number(gz.headers["content-length"])).toBe(gz.body.length);
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString()).long).toBe(LONG);
    const small = await request("/t/g", { headers: { "accept-encoding": "gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    const refused = await request("/t/g?long=1", { headers: { "accept-encoding": "gzip;q=0" } });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  test("a stream goes out chunk by chunk, gzipped or not, and is cancelled for HEAD or when the client leaves", async () => {
    const plain = await request("/t/s?stream=50");
    expect(plain.headers["transfer-encoding"]).toBe("chunked");
    expect(plain.body.toString().split("\n")).toHaveLength(51);
    const gz = await request("/t/s?stream=50", { headers: { "accept-encoding": "gzip" } });
    expect(zlib.gunzipSync(gz.body).toString()).toBe(plain.body.toString());

    // HEAD: the head only, and the stream is cancelled, not read to its end.
    const headBefore = cancelled;
    const head = await request("/t/s?stream=1000000000", { method: "HEAD" });
    expect([head.status, head.headers["content-type"], head.body.length, cancelled]).toEqual([
      200,
      "text/csv; charset=utf-8",
      0,
      headBefore + 1,
    ]);

    const before = cancelled;
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${base}/t/s?stream=1000000000`, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => undefined);
      req.on("close", () => undefined);
      req.end();
      setTimeout(() => reject(new Error("no data")), 5000).unref();
    });
    for (let i = 0; i < 100 && cancelled === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(cancelled).toBe(before + 1);
  });
});

describe("acceptsGzip", () => {
  test.each([
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.5", true],
    ["*", true],
    ["", false],
    ["br", false],
    ["gzip;q=0", false],
    ["gzip;q=0.000", false],
    ["x-gzip", false],
  ])("%j → %s", (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});

describe("the API's routes", () => {
  test("every route module exports a handler for each method the route answers (HEAD runs GET)", async () => {
    for (const apiRoute of apiRoutes()) {
      const routeModule = await apiRoute.load();
      for (const method of apiRoute.methods.filter((m) => m !== "OPTIONS" && m !== "HEAD")) {
        expect([String(apiRoute.pattern), method, typeof routeModule[method]]).toEqual([String(apiRoute.pattern), method, "function"]);
      }
    }
  });

  test("a path finds its route with decoded params; a trailing slash or another path finds none", () => {
    const match = findApiRoute("/api/recommendations/r%2D1/items/s%201/feedback");
    expect(match?.params).toEqual({ id: "r-1", songId: "s 1" });
    expect(match?.route.methods).toEqual(["PUT", "DELETE", "OPTIONS"]);
    expect(findApiRoute("/api/songs")?.route.methods).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(findApiRoute("/api/songs/")).toBeUndefined();
    expect(findApiRoute("/api/recommendations/a/b")).toBeUndefined();
    expect(findApiRoute("/results")).toBeUndefined();
  });
});
