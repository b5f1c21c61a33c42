// Process-wide server dependencies: the database client and the song resolver. Route tests point the
// server at their own throwaway database with useDatabase(); the app itself uses @anisong/db's getDb().
import { getDb, resolveDatabaseConfig, type TDb } from "@anisong/db";
import { createSongResolver } from "@anisong/spotify";

let databaseOverride: TDb | undefined;
let resolver: ReturnType<typeof createSongResolver> | undefined;

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

export function getResolver(): ReturnType<typeof createSongResolver> {
  resolver ??= createSongResolver();
  return resolver;
}
