// What the API answers before any route runs, decided from the method and path alone:
// - 400 JSON for a path with a malformed percent-escape (Next's own decodeURIComponent would throw first, a 500);
// - 405 JSON with an honest Allow header for a method the route does not answer (Next's own 405 has neither);
// - 204 with Allow for OPTIONS;
// - 404 JSON for a path no API route has (Next's own 404 is its HTML page).
// The Node server asks it before Next sees the request (node-server-hooks.ts). Until this round Next's proxy
// (src/proxy.ts) asked it, and running the proxy cost every API request about 0.5 ms of the request thread, a
// third of GET /api/songs (web README, "Throughput").
import { allowedMethods } from "./api-routes";
import { hasMalformedPercentEncoding } from "./path-encoding";
import { STATIC_HEADERS } from "./static-headers";

export type TGateAnswer = { status: number; headers: Record<string, string>; body: string | null };

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** The gate's answer for a request to an API path, or null to let the route answer. */
export function apiGateAnswer(options: { method: string; pathname: string }): TGateAnswer | null {
  const { pathname } = options;
  if (!isApiPath(pathname)) return null;
  if (hasMalformedPercentEncoding(pathname)) {
    return apiError(400, "bad_request", "The request path has a malformed percent-encoding.");
  }
  const allow = allowedMethods(pathname);
  if (!allow) return apiError(404, "not_found", "No API route has this path.");
  const method = options.method.toUpperCase();
  if (method === "OPTIONS") return { status: 204, headers: { allow: allow.join(", ") }, body: null };
  if (!allow.includes(method)) {
    return apiError(405, "method_not_allowed", `${options.method} is not allowed here; use ${allow.join(", ")}.`, {
      allow: allow.join(", "),
    });
  }
  return null;
}

function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}): TGateAnswer {
  return {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...STATIC_HEADERS,
      ...headers,
    },
    body: JSON.stringify({ error: { code, message } }),
  };
}
