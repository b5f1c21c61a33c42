// precompressed-static.ts on a real Node server and real sockets, over copies made by the build's own step.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { precompressStatic } from "../../../scripts/build/precompress-static";
import { IMMUTABLE, indexPrecompressedStatic } from "./precompressed-static";

const SCRIPT = `//# allFunctionsCalledOnLoad\n(globalThis.TURBOPACK||[]).push([${"'text', ".repeat(400)}]);`;
const CHROMIUM = "gzip, deflate, br, zstd";
let dir: string;
let server: http.Server;
let base: string;

type TAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A raw request (no client-side path normalising), so the server sees exactly `target`. */
function request(target: string, headers: Record<string, string> = {}, method = "GET"): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${target}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-static-"));
  fs.mkdirSync(path.join(dir, "chunks"));
  fs.writeFileSync(path.join(dir, "chunks", "a1b2.js"), SCRIPT);
  fs.writeFileSync(path.join(dir, "chunks", "tiny.js"), "1");
  fs.writeFileSync(path.join(dir, "secret.txt"), "x".repeat(2048));
  fs.writeFileSync(path.join(dir, "chunks", "changed.js"), SCRIPT);
  precompressStatic({ staticDir: path.join(dir, "chunks") });
  // Changed after its copies were made: they are stale and must not be sent.
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(dir, "chunks", "changed.js"), later, later);
  const assets = indexPrecompressedStatic({ staticDir: path.join(dir, "chunks") });
  expect(assets.size).toBe(1);
  // What Next would do with anything not answered: a marker this test can see.
  server = http.createServer((req, res) => {
    if (assets.answer(req, res, req.url!)) return;
    res.writeHead(418).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

const URL_PATH = "/_next/static/a1b2.js";

test("Chromium's Accept-Encoding gets the Brotli copy, whole, with the headers Next gives static files", async () => {
  const res = await request(URL_PATH, { "accept-encoding": CHROMIUM });
  expect(res.status).toBe(200);
  expect(res.headers["content-encoding"]).toBe("br");
  expect(Number(res.headers["content-length"])).toBe(res.body.length);
  expect(zlib.brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  expect(res.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
  expect(res.headers["cache-control"]).toBe(IMMUTABLE);
  expect(res.headers.vary).toBe("Accept-Encoding");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
  expect(res.headers["last-modified"]).toBeDefined();
});

test.each([
  ["gzip", "gzip"],
  ["br;q=0, gzip", "gzip"],
  ["gzip;q=1, br;q=0.5", "gzip"],
  ["*", "br"],
  ["br", "br"],
])("Accept-Encoding %j gets %s", async (acceptEncoding, expected) => {
  const res = await request(URL_PATH, { "accept-encoding": acceptEncoding });
  expect(res.headers["content-encoding"]).toBe(expected);
  const decoded = expected === "br" ? zlib.brotliDecompressSync(res.body) : zlib.gunzipSync(res.body);
  expect(decoded.toString()).toBe(SCRIPT);
});

test("a client that takes neither, a file without copies or with stale ones, another method or a name outside the folder go on to Next", async () => {
  for (const headers of [{}, { "accept-encoding": "identity" }, { "accept-encoding": "br;q=0, gzip;q=0" }] as Record<string, string>[])
    expect((await request(URL_PATH, headers)).status).toBe(418);
  expect((await request("/_next/static/tiny.js", { "accept-encoding": CHROMIUM })).status).toBe(418);
  expect((await request("/_next/static/changed.js", { "accept-encoding": CHROMIUM })).status).toBe(418);
  expect((await request(URL_PATH, { "accept-encoding": CHROMIUM }, "POST")).status).toBe(418);
  for (const target of ["/_next/static/../secret.txt", "/_next/static/%611b2.js", "/_next/static/a1b2.js.br", "/a1b2.js", "/_next/static/"])
    expect({ target, status: (await request(target, { "accept-encoding": CHROMIUM })).status }).toEqual({ target, status: 418 });
});

test("HEAD gets the headers and no body; a matching If-None-Match gets 304", async () => {
  const get = await request(URL_PATH, { "accept-encoding": CHROMIUM });
  const head = await request(URL_PATH, { "accept-encoding": CHROMIUM }, "HEAD");
  expect(head.status).toBe(200);
  expect(head.body.length).toBe(0);
  expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
  expect(head.headers.etag).toBe(get.headers.etag);

  const notModified = await request(URL_PATH, { "accept-encoding": CHROMIUM, "if-none-match": `"other", ${get.headers.etag}` });
  expect(notModified.status).toBe(304);
  expect(notModified.body.length).toBe(0);
  expect(notModified.headers.etag).toBe(get.headers.etag);
  // Each encoding is its own representation, with its own tag.
  const gzip = await request(URL_PATH, { "accept-encoding": "gzip", "if-none-match": get.headers.etag! });
  expect(gzip.status).toBe(200);
  expect(gzip.headers.etag).not.toBe(get.headers.etag);
});
