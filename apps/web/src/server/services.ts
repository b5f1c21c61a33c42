// The server's services (a small service locator): the database client and the song resolver. Route tests point the
// server at their own throwaway database with useDatabase(); the app itself uses @anisong/db's getDb().
import { getDb, resolveDatabaseConfig, type TDatabaseConfig, type TDb } from "@anisong/db";
import { createLibraryProvider, createSongResolver, resolveSpotifyConfig, type TSongResolver } from "@anisong/providers";
import { webEnv } from "./env";
import { createLibraryLookup } from "./songs/library-lookup";

let databaseOverride: TDb | undefined;
let resolver: TSongResolver | undefined;
let configured: Promise<TDb> | undefined;

export function getServerDb(): Promise<TDb> {
  if (databaseOverride) return Promise.resolve(databaseOverride);
  configured ??= getDb(serverDatabaseConfig());
  configured.catch(() => (configured = undefined));
  return configured;
}

/** The environment's database; embedded PGlite in the thread ANISONG_PGLITE_THREAD names (its own, by default). */
function serverDatabaseConfig(): TDatabaseConfig {
  const config = resolveDatabaseConfig();
  return config.kind === "pglite" ? { ...config, thread: webEnv().ANISONG_PGLITE_THREAD } : config;
}

export function databaseKind(): "pglite" | "postgres" {
  return resolveDatabaseConfig().kind;
}

/** Tests: serve from this database instead of the one the environment names. */
export function useDatabase(db: TDb | undefined): void {
  databaseOverride = db;
}

/** The library provider backed by this server's database (the one the tests point it at, too). */
export function libraryProviderForServer() {
  return createLibraryProvider(createLibraryLookup(getServerDb));
}

/** The song resolver, configured from the environment (ANISONG_PROVIDERS, SPOTIFY_*, …) on first use. */
export function getResolver(): TSongResolver {
  resolver ??= createSongResolver({ ...resolveSpotifyConfig(), supplied: [libraryProviderForServer()] });
  return resolver;
}

/** Tests: resolve songs with this resolver (e.g. one whose remote providers point at a dead port). */
export function useResolver(next: TSongResolver | undefined): void {
  resolver = next;
}
