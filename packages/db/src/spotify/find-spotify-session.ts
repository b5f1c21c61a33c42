// A listener's stored Spotify tokens, or null when the session is unknown (never created, signed out) or was
// created before `createdAfter` (the web app's session cookie lives 30 days: an older row is no one's session).
import type { TDb } from "../client/create-prisma-client";
import type { TStoredSpotifySession } from "./store-spotify-session";

export async function findSpotifySession(db: TDb, input: { id: string; createdAfter?: Date }): Promise<TStoredSpotifySession | null> {
  return db.spotifySession.findFirst({ where: { id: input.id, ...(input.createdAfter ? { createdAt: { gt: input.createdAfter } } : {}) } });
}
