// The WHATWG Request a route handler takes, made from Node's request (serve-api.ts), as Next makes it.
// The body is read into memory first, up to one byte past the limit: read-json-body.ts then answers 413 for
// it as before, and a client cannot make the server hold more than that.
import type http from "node:http";

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
  const body = BODILESS.has(method) ? undefined : await readCappedBody(req, options.maxBodyBytes + 1);
  return new Request(`http://${host}${originForm(req.url)}`, { method, headers, body });
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
