// Process-wide server dependencies: the database client and the song resolver. Route tests point the
// server at their own throwaway database with useDatabase(); the app itself uses @anisong/db's getDb().
import { getDb, resolveDatabaseConfig, type TDb } from "@anisong/db";
import { createSongResolver, resolveSpotifyConfig, type TSongResolver } from "@anisong/spotify";

let databaseOverride: TDb | undefined;
let resolver: TSongResolver | undefined;

export function getServerDb(): Promise<TDb> {
  return databaseOverride ? Promise.resolve(databaseOverride) : getDb();
}

export function databaseKind(): "pglite" | "postgres" {
  return resolveDatabaseConfig().kind;
}

/** Tests: serve from this database instead of the one the environment names. */
export function useDatabase(db: TDb | undefined): void {
  databaseOverride = db;
}

/** The song resolver, configured from the environment (ANISONG_PROVIDERS, SPOTIFY_*, …) on first use. */
export function getResolver(): TSongResolver {
  resolver ??= createSongResolver(resolveSpotifyConfig());
  return resolver;
}

/** Tests: resolve songs with this resolver (e.g. one whose remote providers point at a dead port). */
export function useResolver(next: TSongResolver | undefined): void {
  resolver = next;
}
