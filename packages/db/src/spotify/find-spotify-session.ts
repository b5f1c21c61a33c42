// A listener's stored Spotify tokens, or null when the session is unknown (never created, or signed out).
import type { TDb } from "../client/create-prisma-client";
import type { TStoredSpotifySession } from "./store-spotify-session";

export async function findSpotifySession(db: TDb, input: { id: string }): Promise<TStoredSpotifySession | null> {
  return db.spotifySession.findUnique({ where: { id: input.id } });
}
