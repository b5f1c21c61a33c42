// The WHATWG Request a route handler takes, made from Node's request (serve-api.ts), as Next makes it.
// The body is read into memory first, up to one byte past the limit: read-json-body.ts then answers 413 for
// it as before, and a client cannot make the server hold more than that. The bytes stay beside the Request
// (BufferedRequest): read-json-body.ts takes them as they are, and a Request with its body as a stream is made only
// if something asks for that. On Node 20 making that stream and reading it back cost about 13 µs of a POST's
// request thread (web README, "How a request is served").
import type http from "node:http";

/** Where a request made here keeps its body's bytes (Symbol.for: the server's two copies of the modules share it). */
export const BODY_BYTES = Symbol.for("anisong.web.bodyBytes");

/** The body's bytes when `request` was made here (and had a body); undefined otherwise. */
export function bufferedBodyOf(request: Request): Uint8Array<ArrayBuffer> | undefined {
  return (request as Request & { [BODY_BYTES]?: Uint8Array<ArrayBuffer> })[BODY_BYTES];
}

/**
 * A Request whose body is bytes in memory. Made without a body; every way of reading one (the stream, text(),
 * json(), …) goes to a Request made with these bytes on first use, so it behaves as one made with them.
 */
class BufferedRequest extends Request {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  #full: Request | undefined;

  constructor(url: string, init: RequestInit, bytes: Uint8Array<ArrayBuffer>) {
    super(url, init);
    this.#bytes = bytes;
  }

  get [BODY_BYTES](): Uint8Array<ArrayBuffer> {
    return this.#bytes;
  }

  #withBody(): Request {
    return (this.#full ??= new Request(this.url, { method: this.method, headers: this.headers, body: this.#bytes }));
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#withBody().body;
  }
  override get bodyUsed(): boolean {
    return this.#full?.bodyUsed ?? false;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#withBody().arrayBuffer();
  }
  override blob(): Promise<Blob> {
    return this.#withBody().blob();
  }
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#withBody().bytes();
  }
  override formData(): Promise<FormData> {
    return this.#withBody().formData();
  }
  override json(): Promise<unknown> {
    return this.#withBody().json();
  }
  override text(): Promise<string> {
    return this.#withBody().text();
  }
  override clone(): Request {
    return this.#withBody().clone();
  }
}

/** Methods whose requests may not carry a body in a WHATWG Request. */
const BODILESS = new Set(["GET", "HEAD"]);

/** Host names and ports only; anything else in the Host header falls back to the loopback name. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export async function toWebRequest(req: http.IncomingMessage, options: { maxBodyBytes: number }): Promise<Request> {
  const method = (req.method ?? "GET").toUpperCase();
  const headers = new Headers();
  // req.headers, not rawHeaders: the hooks have appended the socket's peer to its X-Forwarded-For.
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const host = req.headers.host && PLAIN_HOST.test(req.headers.host) ? req.headers.host : "localhost";
  const url = `http://${host}${originForm(req.url)}`;
  if (BODILESS.has(method)) return new Request(url, { method, headers });
  return new BufferedRequest(url, { method, headers }, await readCappedBody(req, options.maxBodyBytes + 1));
}

/** The path of a request target: origin form ("/a?b") or absolute form ("http://host/a?b"). */
export function targetPathname(url: string | undefined): string {
  const target = url ?? "/";
  if (target.startsWith("/")) return target.split("?", 1)[0]!;
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

/** "/a?b" from either form of request target. */
function originForm(url: string | undefined): string {
  if (!url || url.startsWith("/")) return url || "/";
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return "/";
  }
}

/** The body's first `cap` bytes (all of it when shorter). */
export function readCappedBody(req: http.IncomingMessage, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => req.off("data", onData).off("end", finish).off("error", fail).off("close", closed);
    const finish = () => {
      stop();
      const body = Buffer.concat(chunks, Math.min(total, cap));
      resolve(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength));
    };
    const fail = (error: Error) => {
      stop();
      reject(error);
    };
    const closed = () => fail(new Error("The client closed the connection before sending the whole body."));
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= cap) {
        finish();
        // The rest is read and dropped, as Node drops a body no one reads: the client can finish sending and
        // read the answer (a client that never stops meets the server's requestTimeout).
        req.resume();
      }
    };
    req.on("data", onData).on("end", finish).on("error", fail).on("close", closed);
  });
}
