import { normalizeText } from "../text/normalize";
import type { TTextQuery } from "../types";

/** Queries that normalise alike share a cache entry ("ＬｉＳＡ" and "lisa"). */
export function cacheKey(query: TTextQuery | { trackId: string }): string {
  if ("trackId" in query) return `id:${query.trackId}`;
  return `q:${normalizeText(query.title ?? "")}\u0000${normalizeText(query.artist ?? "")}`;
}
