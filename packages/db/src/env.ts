// The only place the database environment is read. DATABASE_URL=postgresql://… selects PostgreSQL;
// otherwise the embedded PGlite database lives in ANISONG_PGLITE_DIR (default data/pglite at the repo root).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const ZPostgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must start with postgresql://");

export const ZDatabaseEnv = z.object({
  DATABASE_URL: ZPostgresUrl.optional().or(z.literal("").transform(() => undefined)),
  ANISONG_PGLITE_DIR: z.string().min(1).optional(),
});

/**
 * PGlite's `thread`: "main" (default) runs it on the caller's thread; "worker" in a worker thread of its own
 * (client/pglite-thread), which the web server chooses so its requests do not wait on PostgreSQL's CPU work.
 */
export type TDatabaseConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string; thread?: "main" | "worker" };

/** Walks up from `start` to the folder holding pnpm-workspace.yaml. */
export function findRepoRoot(start = process.cwd()): string {
  let dir = path.resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ start);
    dir = parent;
  }
}

export function resolveDatabaseConfig(env: NodeJS.ProcessEnv = process.env): TDatabaseConfig {
  const parsed = ZDatabaseEnv.parse({ DATABASE_URL: env.DATABASE_URL, ANISONG_PGLITE_DIR: env.ANISONG_PGLITE_DIR });
  if (parsed.DATABASE_URL) return { kind: "postgres", url: parsed.DATABASE_URL };
  const dataDir = parsed.ANISONG_PGLITE_DIR ?? path.join(findRepoRoot(), "data", "pglite");
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ dataDir) };
}

/** Admin URL used to create throwaway PostgreSQL databases in tests and benchmarks. */
export function resolveTestAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  return ZPostgresUrl.parse(url);
}
