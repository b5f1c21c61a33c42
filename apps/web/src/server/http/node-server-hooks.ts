// Installed once from instrumentation.ts: the Node server's "request" event runs these before Next sees the
// request, as a well-behaved reverse proxy in front of it would:
// - the socket's peer is appended to X-Forwarded-For (forward-peer-address.ts);
// - the API gate answers malformed paths, methods a route does not answer and OPTIONS (api-gate.ts), and an
//   API response gets HSTS when ANISONG_BEHIND_TLS=true;
// - TRACE on a page gets a 405 instead of Next's 500 (forward-peer-address.ts);
// - in production, the API's routes are served right here (serve-api.ts), without Next's per-request work.
// Pages still go through Next and src/proxy.ts, which must stamp each page's CSP nonce.
import http from "node:http";
import { webEnv } from "../env";
import { apiGateAnswer, isApiPath } from "./api-gate";
import { answerRefusedMethod, appendPeerAddress } from "./forward-peer-address";
import { HSTS_VALUE } from "./security-headers";
import { serveApiBeforeNext } from "./serve-api";
import { targetPathname } from "./web-request";

const INSTALLED = Symbol.for("anisong.nodeServerHooks");

/**
 * Answers the request before Next when the API gate, the TRACE rule or (with `serveApi`) an API route says so; true
 * when it did. `serveApi`: serve the API's routes here (production; `next dev` keeps Next's, which reload on edit).
 */
export function answerBeforeNext(req: http.IncomingMessage, res: http.ServerResponse, options = { serveApi: false }): boolean {
  appendPeerAddress(req);
  const pathname = targetPathname(req.url);
  if (isApiPath(pathname)) {
    if (webEnv().ANISONG_BEHIND_TLS) res.setHeader("strict-transport-security", HSTS_VALUE);
    const answer = apiGateAnswer({ method: req.method ?? "GET", pathname });
    if (answer) {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? undefined);
      return true;
    }
    // The gate has answered TRACE and every other method no route takes: what is left is a route's own.
    if (options.serveApi) return serveApiBeforeNext(req, res, pathname);
  }
  return answerRefusedMethod(req, res);
}

export function installNodeServerHooks(options: { serveApi: boolean }): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (answerBeforeNext(req, res, options)) return true;
    }
    return (emit as (this: http.Server, ...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
}
