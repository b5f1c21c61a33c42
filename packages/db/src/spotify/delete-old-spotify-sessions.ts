// Forgets every stored Spotify session created before `before` (the web app passes its session cookie's lifetime
// ago): their cookies have expired, so no browser can use them, and their refresh tokens should not be kept.
import type { TDb } from "../client/create-prisma-client";

export async function deleteOldSpotifySessions(db: TDb, input: { before: Date }): Promise<{ deleted: number }> {
  const { count } = await db.spotifySession.deleteMany({ where: { createdAt: { lt: input.before } } });
  return { deleted: count };
}
