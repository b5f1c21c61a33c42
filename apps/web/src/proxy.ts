// Runs before every page and API request (Next 16's proxy, formerly middleware):
// - API: 400 JSON for a path with a malformed percent-escape, 405 JSON + Allow for a method the route
//   does not answer, 204 + Allow for OPTIONS;
// - pages: a Content-Security-Policy with a fresh nonce, which Next puts on its own scripts;
// - /results: the visitor cookie, when absent (the page creates a recommendation);
// - both: Strict-Transport-Security when ANISONG_BEHIND_TLS=true.
import { NextResponse, type NextRequest } from "next/server";
import { isDevelopment, webEnv } from "./server/env";
import { allowedMethods } from "./server/http/api-methods";
import { hasMalformedPercentEncoding } from "./server/http/path-encoding";
import { VISITOR_COOKIE, visitorCookieHeader, visitorOf } from "./server/experiments/visitor-cookie";
import { contentSecurityPolicy, HSTS_VALUE, newNonce } from "./server/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const response = pathname.startsWith("/api/") || pathname === "/api" ? apiGate(request) : withNonce(request);
  if (webEnv().ANISONG_BEHIND_TLS) response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
}

function apiGate(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (hasMalformedPercentEncoding(pathname)) {
    return apiError(400, "bad_request", "The request path has a malformed percent-encoding.");
  }
  const allow = allowedMethods(pathname);
  if (!allow) return NextResponse.next(); // an unknown API path: Next's 404
  const method = request.method.toUpperCase();
  if (method === "OPTIONS") return new NextResponse(null, { status: 204, headers: { allow: allow.join(", ") } });
  if (!allow.includes(method)) {
    return apiError(405, "method_not_allowed", `${request.method} is not allowed here; use ${allow.join(", ")}.`, {
      allow: allow.join(", "),
    });
  }
  return NextResponse.next();
}

function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

function withNonce(request: NextRequest): NextResponse {
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: isDevelopment(), tls: webEnv().ANISONG_BEHIND_TLS });
  // Next reads the nonce from the request's CSP header while rendering and stamps it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  // /results creates a recommendation while rendering: a first-time visitor gets the visitor cookie here (the
  // page reads it from the forwarded request), as POST /api/recommendations would set it.
  const visitor = request.nextUrl.pathname === "/results" ? visitorOf(request) : null;
  if (visitor?.isNew) headers.set("cookie", [request.headers.get("cookie"), `${VISITOR_COOKIE}=${visitor.id}`].filter(Boolean).join("; "));
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  if (visitor?.isNew) response.headers.append("set-cookie", visitorCookieHeader(visitor.id, { secure: webEnv().ANISONG_BEHIND_TLS }));
  return response;
}

export const config = {
  matcher: [
    "/api/:path*",
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
