// Installed once from instrumentation.ts: the Node server's "request" event runs these before Next sees the
// request, as a well-behaved reverse proxy in front of it would:
// - the socket's peer is appended to X-Forwarded-For (forward-peer-address.ts);
// - the API gate answers malformed paths, methods a route does not answer and OPTIONS (api-gate.ts), and an
//   API response gets HSTS when ANISONG_BEHIND_TLS=true;
// - TRACE on a page gets a 405 instead of Next's 500 (forward-peer-address.ts);
// - in production, the API's routes are served right here (serve-api.ts), without Next's per-request work, and so are
//   the build's compressed copies of `/_next/static` (precompressed-static.ts).
// Pages still go through Next and src/proxy.ts, which must stamp each page's CSP nonce.
import http from "node:http";
import { webEnv } from "../env";
import { apiGateAnswer, isApiPath } from "./api-gate";
import { answerRefusedMethod, appendPeerAddress } from "./forward-peer-address";
import { indexPrecompressedStatic, type TPrecompressedStatic } from "./precompressed-static";
import { HSTS_VALUE } from "./security-headers";
import { serveApiBeforeNext } from "./serve-api";
import { targetPathname } from "./web-request";

const INSTALLED = Symbol.for("anisong.nodeServerHooks");

type THookOptions = {
  /** serve the API's routes here (production; `next dev` keeps Next's, which reload on edit) */
  serveApi: boolean;
  /** serve these compressed copies of `/_next/static` (production; `next dev` has none) */
  precompressed?: TPrecompressedStatic;
};

/**
 * Answers the request before Next when the API gate, the TRACE rule, an API route (with `serveApi`) or a compressed
 * copy (with `precompressed`) says so; true when it did.
 */
export function answerBeforeNext(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: THookOptions = { serveApi: false },
): boolean {
  appendPeerAddress(req);
  const pathname = targetPathname(req.url);
  if (options.precompressed?.answer(req, res, pathname)) return true;
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

/** `staticDir`: the build's `.next/static`, whose compressed copies are then served here. */
export function installNodeServerHooks(hookOptions: { serveApi: boolean; staticDir?: string }): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const options: THookOptions = {
    serveApi: hookOptions.serveApi,
    precompressed: hookOptions.staticDir ? indexPrecompressedStatic({ staticDir: hookOptions.staticDir }) : undefined,
  };
  const emit = proto.emit;
  proto.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (answerBeforeNext(req, res, options)) return true;
    }
    return (emit as (this: http.Server, ...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
}
