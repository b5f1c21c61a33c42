// Runs before every page request (Next 16's proxy, formerly middleware):
// - a Content-Security-Policy with a fresh nonce, which Next puts on its own scripts;
// - /results: the visitor cookie, when absent (the page creates a recommendation);
// - Strict-Transport-Security when ANISONG_BEHIND_TLS=true.
// API requests do not come here: the proxy cost each about 0.5 ms of the request thread. The Node server's
// hooks answer for the API what this proxy used to (server/http/node-server-hooks.ts).
import { NextResponse, type NextRequest } from "next/server";
import { isDevelopment, webEnv } from "./server/env";
import { VISITOR_COOKIE, visitorCookieHeader, visitorOf } from "./server/experiments/visitor-cookie";
import { contentSecurityPolicy, HSTS_VALUE, newNonce } from "./server/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const response = withNonce(request);
  if (webEnv().ANISONG_BEHIND_TLS) response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
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
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
