// Ratings joined with what was asked and what answered: the newest comments for the Insights page, and
// every rating for the CSV export. One query each.
import type { TDb } from "../client/create-prisma-client";

export type TRatingRow = {
  recommendationId: string;
  createdAt: Date;
  stars: number;
  comment: string | null;
  queryTitle: string | null;
  queryArtist: string | null;
  queryTrackId: string | null;
  trackTitle: string;
  trackArtists: string[];
  modelId: string;
  clusterIndex: number;
  featureSource: string;
};

const SELECT = {
  stars: true,
  comment: true,
  createdAt: true,
  recommendation: {
    select: {
      id: true,
      queryTitle: true,
      queryArtist: true,
      queryTrackId: true,
      trackTitle: true,
      trackArtists: true,
      modelId: true,
      clusterIndex: true,
      featureSource: true,
    },
  },
} as const;

type TSelected = {
  stars: number;
  comment: string | null;
  createdAt: Date;
  recommendation: Omit<TRatingRow, "recommendationId" | "createdAt" | "stars" | "comment"> & { id: string };
};

function toRow({ recommendation: { id, ...rec }, ...rating }: TSelected): TRatingRow {
  return { recommendationId: id, ...rating, ...rec };
}

/** The newest ratings that carry a comment, newest first. */
export async function listRecentComments(db: TDb, input: { limit: number }): Promise<TRatingRow[]> {
  const rows = await db.rating.findMany({
    where: { comment: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: SELECT,
  });
  return rows.map(toRow);
}

/** Every rating, oldest first (for the export). */
export async function listRatings(db: TDb): Promise<TRatingRow[]> {
  const rows = await db.rating.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: SELECT });
  return rows.map(toRow);
}
