// The API's routes and the methods each answers, so that any other method gets 405 with an honest
// Allow header (Next's own 405 has none), from the API gate (api-gate.ts).
const API_ROUTES: { pattern: RegExp; methods: string[] }[] = [
  { pattern: /^\/api\/recommendations\/[^/]+\/rating\/?$/, methods: ["POST", "OPTIONS"] },
  { pattern: /^\/api\/recommendations\/[^/]+\/export\/?$/, methods: ["GET", "HEAD", "OPTIONS"] },
  { pattern: /^\/api\/recommendations\/[^/]+\/items\/[^/]+\/feedback\/?$/, methods: ["PUT", "DELETE", "OPTIONS"] },
  { pattern: /^\/api\/recommendations\/?$/, methods: ["POST", "OPTIONS"] },
  { pattern: /^\/api\/recommendations\/[^/]+\/?$/, methods: ["GET", "HEAD", "OPTIONS"] },
  { pattern: /^\/api\/insights\/(ratings|feedback)\.csv$/, methods: ["GET", "HEAD", "OPTIONS"] },
  { pattern: /^\/api\/(songs|search|insights|health)\/?$/, methods: ["GET", "HEAD", "OPTIONS"] },
  // Save to Spotify: top-level navigations (a link, then Spotify's redirect back), so GET only.
  { pattern: /^\/api\/spotify\/(login|callback)\/?$/, methods: ["GET", "OPTIONS"] },
];

/** The methods a path answers, or undefined when it is not an API route. */
export function allowedMethods(pathname: string): string[] | undefined {
  if (!pathname.startsWith("/api/") && pathname !== "/api") return undefined;
  return API_ROUTES.find((route) => route.pattern.test(pathname))?.methods;
}
