// `next start` gives route handlers no socket: it only fills X-Forwarded-For from the socket when the
// client sent none, so a client could name any address. Run before Next sees a request (node-server-hooks.ts),
// this appends the socket's peer to X-Forwarded-For (trusted-proxies.ts then walks the chain from the right).
// It also answers TRACE, the one method Node's parser accepts that the WHATWG Request constructor refuses
// (TRACK too, should a parser ever pass it), for which Next would otherwise answer 500 ("'TRACE' HTTP method is unsupported") before any route or proxy runs.
import type http from "node:http";

const REFUSED_BY_FETCH = new Set(["TRACE", "TRACK"]);
/** What a page answers. */
const PAGE_METHODS = "GET, HEAD, OPTIONS";

export function appendPeerAddress(req: http.IncomingMessage): void {
  const peer = req.socket?.remoteAddress;
  if (!peer) return;
  const existing = req.headers["x-forwarded-for"];
  const joined = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = joined && joined.trim() !== "" ? `${joined}, ${peer}` : peer;
}

/**
 * A 405 for a method no handler can receive. API routes never get here with one (the API gate answers them with
 * their own Allow list first), so the list is the pages' one.
 */
export function answerRefusedMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!REFUSED_BY_FETCH.has((req.method ?? "").toUpperCase())) return false;
  const body = JSON.stringify({ error: { code: "method_not_allowed", message: `${req.method} is not allowed here.` } });
  res.writeHead(405, { allow: PAGE_METHODS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(body);
  return true;
}
