// @ts-check
// Plain JavaScript, not next.config.ts: `next start` transpiles a TypeScript config with SWC, which maps Next's
// 66 MB native SWC library into the server for the life of the process (~23 MB resident, measured with
// /proc/<pid>/smaps); nothing else in `next start` loads it.

// Workspace packages ship TypeScript source (no build step), so Next compiles them. PGlite loads its
// .wasm/.data files from beside its own JS and Prisma's driver adapters use Node APIs: they stay
// external (required from node_modules at run time) instead of being bundled.
import staticHeaders from "./src/server/http/static-headers.json" with { type: "json" };

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pnpm lint` (tsc --noEmit, run by CI on every change) is the type check; repeating it inside `next build`
  // cost 12 s of a first `pnpm start` (44 s on a busy machine) for no extra safety.
  typescript: { ignoreBuildErrors: true },
  // No Turbopack cache for `next build` (on by default in this release, experimental for builds): a first `pnpm start`
  // and CI build from nothing, where the 80 MB cache is only written, never read, and writing it cost a fifth of the
  // build's CPU (four clean builds each, mostly alternating: 18–26 s against 22–29 s; web README, "…: the system's UI
  // font first").
  experimental: { turbopackFileSystemCacheForBuild: false },
  transpilePackages: ["@anisong/core-ml", "@anisong/db", "@anisong/providers"],
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "@prisma/client", "pg", "csv-parse"],
  // The same on every response (the API's routes, served before Next, send them from the same file); the CSP
  // (per-request nonce) and HSTS (per deployment) come from src/proxy.ts for pages and from
  // src/server/http/node-server-hooks.ts for the API (src/server/http/security-headers.ts).
  async headers() {
    return [{ source: "/:path*", headers: staticHeaders }];
  },
};

export default nextConfig;
