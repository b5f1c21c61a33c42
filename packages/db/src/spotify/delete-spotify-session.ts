// Forgets a listener's Spotify tokens (Spotify refused the refresh token: the listener must sign in again).
import type { TDb } from "../client/create-prisma-client";

export async function deleteSpotifySession(db: TDb, input: { id: string }): Promise<void> {
  await db.spotifySession.deleteMany({ where: { id: input.id } });
}
