// The API's routes, served by the Node server before Next (node-server-hooks.ts, in production). The route
// modules' handlers (src/app/api/**/route.ts) run unchanged: a WHATWG Request in, a Response out. What this
// skips is Next's work around each of them: its router, its request adapters and tracing, and piping the
// response through web streams, about 1.4 ms of the request thread per request, more than the recommendation
// itself (web README, "How a request is served"). The gate has already answered other methods, OPTIONS,
// unknown paths and malformed ones.
import type http from "node:http";
import { webEnv } from "../env";
import { findApiRoute, type TApiRouteMatch } from "./api-routes";
import { ApiError } from "./errors";
import { errorResponse } from "./handle-route";
import { sendWebResponse } from "./send-web-response";
import { toWebRequest } from "./web-request";

type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Serves the request when `pathname` is one of the API's routes; false for any other path (Next goes on). */
export function serveApiBeforeNext(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean {
  const match = findApiRoute(pathname);
  if (!match) return false;
  void serveApiRoute(req, res, match);
  return true;
}

export async function serveApiRoute(req: http.IncomingMessage, res: http.ServerResponse, match: TApiRouteMatch): Promise<void> {
  let response: Response;
  try {
    response = await answer(req, match);
  } catch (error) {
    response = errorResponse(error); // handlers answer their own errors; this is anything around them
  }
  try {
    await sendWebResponse(req, res, response);
  } catch {
    // The client went away mid-body, or the body's stream broke after its head was sent: nothing more to tell it.
    res.destroy();
  }
}

async function answer(req: http.IncomingMessage, match: TApiRouteMatch): Promise<Response> {
  const method = (req.method ?? "GET").toUpperCase();
  const routeModule = await match.route.load();
  const handler = routeModule[method] ?? (method === "HEAD" ? routeModule.GET : undefined);
  if (typeof handler !== "function") throw new Error(`The route module for ${match.route.pattern} exports no ${method} handler.`);
  const maxBodyBytes = webEnv().ANISONG_MAX_BODY_BYTES;
  let request: Request;
  try {
    request = await toWebRequest(req, { maxBodyBytes });
  } catch {
    throw new ApiError(400, "bad_request", "The request could not be read (a malformed header, or the body was cut off).");
  }
  return (handler as TRouteHandler)(request, { params: Promise.resolve(match.params) });
}
