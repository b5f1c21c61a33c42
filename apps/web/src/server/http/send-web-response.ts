// Writes a route handler's WHATWG Response to Node's response (serve-api.ts), as Next would:
// - the security headers of every response (static-headers.ts; next.config.mjs gives the pages the same);
// - gzip when the client accepts it and the body is text of 1 KiB or more (Next compresses the same way);
// - a body that is done after its first chunk (any JSON answer) goes in one write with its Content-Length; a longer
//   stream (a CSV export) is piped with backpressure, and stops when the client goes away.
import type http from "node:http";
import Negotiator from "negotiator";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { STATIC_HEADERS } from "./static-headers";

const gzip = promisify(zlib.gzip);
/** Next's threshold (the `compression` package's default). */
const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE = /^(application\/json|text\/)/i;

export async function sendWebResponse(req: http.IncomingMessage, res: http.ServerResponse, response: Response): Promise<void> {
  const headers: http.OutgoingHttpHeaders = { ...STATIC_HEADERS };
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;

  const compress =
    req.method !== "HEAD" &&
    acceptsGzip(String(req.headers["accept-encoding"] ?? "")) &&
    COMPRESSIBLE.test(response.headers.get("content-type") ?? "") &&
    !response.headers.has("content-encoding");
  if (compress) headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";

  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const reader = response.body.getReader();
  const first = await reader.read();
  const second = first.done ? first : await reader.read();
  if (second.done) {
    // The whole body is in hand: one write, with its length.
    let body: Uint8Array = first.value ?? new Uint8Array();
    if (compress && body.byteLength >= GZIP_MIN_BYTES) {
      body = await gzip(body);
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.byteLength);
    res.writeHead(response.status, headers).end(body);
    return;
  }
  // A longer stream: the chunks read so far, then the rest as it comes (HEAD wants none of it).
  if (req.method === "HEAD") {
    await reader.cancel().catch(() => undefined);
    res.writeHead(response.status, headers).end();
    return;
  }
  if (compress) headers["content-encoding"] = "gzip";
  res.writeHead(response.status, headers);
  const rest = Readable.from(chunksOf(reader, [first.value!, second.value!]));
  if (compress) await pipeline(rest, zlib.createGzip(), res);
  else await pipeline(rest, res);
}

/** Accept-Encoding names gzip (or *) without refusing it with q=0 (negotiator reads the q-values). */
export function acceptsGzip(acceptEncoding: string): boolean {
  return new Negotiator({ headers: { "accept-encoding": acceptEncoding } }).encodings(["gzip"]).length > 0;
}

async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>, read: Uint8Array[]): AsyncGenerator<Uint8Array> {
  try {
    yield* read;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // The client went away (or a stage failed): tell the handler's stream to stop.
    await reader.cancel().catch(() => undefined);
  }
}
