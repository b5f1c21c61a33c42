// `next start` gives route handlers no socket: it only fills X-Forwarded-For from the socket when the
// client sent none, so a client could name any address. Installed once from instrumentation.ts, this
// makes the Node server behave like a well-behaved proxy before Next sees a request: the socket's peer
// is appended to X-Forwarded-For (trusted-proxies.ts then walks the chain from the right). It also
// answers TRACE, the one method Node's parser accepts that the WHATWG Request constructor refuses
// (TRACK too, should a parser ever pass it), for which Next would otherwise answer 500 ("'TRACE' HTTP method is unsupported") before any route or proxy runs.
import http from "node:http";
import { allowedMethods } from "./api-methods";

const INSTALLED = Symbol.for("anisong.forwardPeerAddress");
const REFUSED_BY_FETCH = new Set(["TRACE", "TRACK"]);

export function appendPeerAddress(req: http.IncomingMessage): void {
  const peer = req.socket?.remoteAddress;
  if (!peer) return;
  const existing = req.headers["x-forwarded-for"];
  const joined = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = joined && joined.trim() !== "" ? `${joined}, ${peer}` : peer;
}

/** A 405 for a method no handler can receive, with the path's real Allow list. */
export function answerRefusedMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!REFUSED_BY_FETCH.has((req.method ?? "").toUpperCase())) return false;
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const allow = allowedMethods(path) ?? ["GET", "HEAD", "OPTIONS"];
  const body = JSON.stringify({ error: { code: "method_not_allowed", message: `${req.method} is not allowed here.` } });
  res.writeHead(405, { allow: allow.join(", "), "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(body);
  return true;
}

export function installPeerAddressForwarding(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      appendPeerAddress(req);
      if (answerRefusedMethod(req, res)) return true;
    }
    return (emit as (this: http.Server, ...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
}
