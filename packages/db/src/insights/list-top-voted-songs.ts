// The most liked and the most rejected recommended songs, by like rate among songs with at least `minVotes`
// votes (a song with one like is not "the most liked"), ties broken by the number of votes.
import { Prisma } from "../generated/prisma/client";
import type { TDb } from "../client/create-prisma-client";

export type TVotedSong = { songId: string; title: string; artists: string[]; likes: number; dislikes: number };

const ORDER: Record<"liked" | "rejected", Prisma.Sql> = {
  liked: Prisma.sql`likes::float8 / (likes + dislikes) DESC, likes DESC`,
  rejected: Prisma.sql`dislikes::float8 / (likes + dislikes) DESC, dislikes DESC`,
};

export async function listTopVotedSongs(
  db: TDb,
  input: { order: "liked" | "rejected"; minVotes: number; limit: number },
): Promise<TVotedSong[]> {
  return db.$queryRaw<TVotedSong[]>`
    SELECT * FROM (
      SELECT f."songId", s."title", s."artists",
        (COUNT(*) FILTER (WHERE f."vote" = 'like'))::int AS likes,
        (COUNT(*) FILTER (WHERE f."vote" = 'dislike'))::int AS dislikes
      FROM "PickFeedback" f JOIN "Song" s ON s."id" = f."songId"
      GROUP BY f."songId", s."title", s."artists"
    ) AS votes
    WHERE likes + dislikes >= ${input.minVotes}
      AND ${input.order === "liked" ? Prisma.sql`likes > 0` : Prisma.sql`dislikes > 0`}
    ORDER BY ${ORDER[input.order]}, "songId"
    LIMIT ${input.limit}`;
}
