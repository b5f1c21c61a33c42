// The first-party visitor cookie that keeps a visitor in one experiment variant: a random id (no personal
// data, nothing derived from the request), httpOnly, SameSite=Lax, kept one year. Set by the recommendation
// route on the first recommendation that finds none, and by the proxy on a first visit to /results.
import { randomUUID } from "node:crypto";

export const VISITOR_COOKIE = "anisong_visitor";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const VISITOR_ID = /^[0-9a-f-]{36}$/;

/** The request's visitor id, or a new one to set (`isNew`). A malformed cookie is replaced. */
export function visitorOf(request: Request): { id: string; isNew: boolean } {
  const found = readCookie(request.headers.get("cookie"), VISITOR_COOKIE);
  return found && VISITOR_ID.test(found) ? { id: found, isNew: false } : { id: randomUUID(), isNew: true };
}

export function visitorCookieHeader(id: string, opts: { secure: boolean }): string {
  return `${VISITOR_COOKIE}=${id}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${opts.secure ? "; Secure" : ""}`;
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
