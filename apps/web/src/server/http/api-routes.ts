// The API's routes: each path, the methods it answers and its route module (src/app/api/**/route.ts).
// - The API gate (api-gate.ts) answers any other method with 405 and an honest Allow header (Next's own 405 has
//   none), and OPTIONS with 204.
// - In production the Node server serves these routes itself, before Next (serve-api.ts): the route modules'
//   handlers run as they are, without Next's per-request work around them (web README, "How a request is served").
// Paths end without a slash: "/api/songs/" goes on to Next, which redirects it (308) as it does every path.

/** A route module's exports: GET, POST, … (serve-api.ts calls the one the method names) and Next's settings. */
export type TRouteModule = Record<string, unknown>;

export type TApiRoute = {
  /** named groups are the route's params, as the folder names ([id], [songId]) call them */
  pattern: RegExp;
  methods: string[];
  /** a dynamic import, so each module loads on its route's first request, as Next loads it */
  load: () => Promise<TRouteModule>;
};

const READ = ["GET", "HEAD", "OPTIONS"];

const API_ROUTES: TApiRoute[] = [
  {
    pattern: /^\/api\/recommendations\/(?<id>[^/]+)\/rating$/,
    methods: ["POST", "OPTIONS"],
    load: () => import("../../app/api/recommendations/[id]/rating/route"),
  },
  {
    pattern: /^\/api\/recommendations\/(?<id>[^/]+)\/export$/,
    methods: READ,
    load: () => import("../../app/api/recommendations/[id]/export/route"),
  },
  {
    pattern: /^\/api\/recommendations\/(?<id>[^/]+)\/items\/(?<songId>[^/]+)\/feedback$/,
    methods: ["PUT", "DELETE", "OPTIONS"],
    load: () => import("../../app/api/recommendations/[id]/items/[songId]/feedback/route"),
  },
  { pattern: /^\/api\/recommendations$/, methods: ["POST", "OPTIONS"], load: () => import("../../app/api/recommendations/route") },
  { pattern: /^\/api\/recommendations\/(?<id>[^/]+)$/, methods: READ, load: () => import("../../app/api/recommendations/[id]/route") },
  { pattern: /^\/api\/insights\/ratings\.csv$/, methods: READ, load: () => import("../../app/api/insights/ratings.csv/route") },
  { pattern: /^\/api\/insights\/feedback\.csv$/, methods: READ, load: () => import("../../app/api/insights/feedback.csv/route") },
  { pattern: /^\/api\/songs$/, methods: READ, load: () => import("../../app/api/songs/route") },
  { pattern: /^\/api\/search$/, methods: READ, load: () => import("../../app/api/search/route") },
  { pattern: /^\/api\/insights$/, methods: READ, load: () => import("../../app/api/insights/route") },
  { pattern: /^\/api\/health$/, methods: READ, load: () => import("../../app/api/health/route") },
  // Save to Spotify: top-level navigations (a link, then Spotify's redirect back), so GET only.
  { pattern: /^\/api\/spotify\/login$/, methods: ["GET", "OPTIONS"], load: () => import("../../app/api/spotify/login/route") },
  { pattern: /^\/api\/spotify\/callback$/, methods: ["GET", "OPTIONS"], load: () => import("../../app/api/spotify/callback/route") },
];

export type TApiRouteMatch = { route: TApiRoute; params: Record<string, string> };

/** The route a path names, with its params percent-decoded (the gate has refused malformed escapes). */
export function findApiRoute(pathname: string): TApiRouteMatch | undefined {
  for (const route of API_ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = decodeURIComponent(value);
    return { route, params };
  }
  return undefined;
}

/** The methods a path answers (a trailing slash too: Next redirects it), or undefined when it is not an API route. */
export function allowedMethods(pathname: string): string[] | undefined {
  if (!pathname.startsWith("/api/")) return undefined;
  const path = pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  return API_ROUTES.find((route) => route.pattern.test(path))?.methods;
}

/** Every route, for the test that loads each module and checks its handlers against `methods`. */
export function apiRoutes(): readonly TApiRoute[] {
  return API_ROUTES;
}
