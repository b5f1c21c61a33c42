// Saves a listener's Spotify tokens under their session id: a new sign-in creates the row, a refresh
// replaces the tokens (one upsert, so a retried callback or two refreshes racing leave one row).
import type { TDb } from "../client/create-prisma-client";

export type TSpotifySessionTokens = { accessToken: string; refreshToken: string; expiresAt: Date };
export type TStoredSpotifySession = TSpotifySessionTokens & { id: string; createdAt: Date };

export async function storeSpotifySession(db: TDb, input: { id: string; tokens: TSpotifySessionTokens }): Promise<void> {
  const { accessToken, refreshToken, expiresAt } = input.tokens;
  await db.spotifySession.upsert({
    where: { id: input.id },
    create: { id: input.id, accessToken, refreshToken, expiresAt },
    update: { accessToken, refreshToken, expiresAt },
  });
}
