// The response headers that limit what a page may load and who may frame it. Pure: proxy.ts adds the
// per-request parts (CSP nonce, HSTS); the static ones (nosniff, frame, referrer and permissions policies) are in
// next.config.mjs, which stays plain JavaScript (see there).

import { SPOTIFY_EMBED_ORIGIN } from "../../lib/spotify-embed";

/** The only origin allowed in frames: the Spotify embed player (components/embed-player.tsx). */
export { SPOTIFY_EMBED_ORIGIN };

export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Scripts only with this request's nonce ('strict-dynamic' lets Next's own chunks load the rest;
 * 'self' is the fallback for browsers without CSP 3). Inline style attributes stay allowed: the charts
 * position bars with them, and a style cannot run code.
 */
export function contentSecurityPolicy(opts: { nonce: string; dev: boolean; tls: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${SPOTIFY_EMBED_ORIGIN}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.tls ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64: unguessable and new for every page view. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
