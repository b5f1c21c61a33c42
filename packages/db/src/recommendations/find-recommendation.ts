// One stored recommendation as the permalink shows it: the query, its picks with their songs and those songs'
// clusters under the recommendation's model, and the rating if one was given. Two Prisma calls: the row (with its
// rating, votes and the model's clusters), then the picks' songs; null for an unknown id.
import { z } from "zod";
import type { TAudioFeatures } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";
import { ZRecommendationOptions, type TRecommendationOptions } from "./recommendation-options";

export type TFoundRecommendationItem = {
  rank: number;
  similarity: number;
  /** cosine to each of options.seeds (empty before steering existed) */
  seedSimilarities: number[];
  song: {
    id: string;
    title: string;
    artists: string[];
    album: string | null;
    kind: string;
    animeTitle: string | null;
    features: TAudioFeatures;
  };
  clusterIndex: number | null;
  /** the listener's like / not-for-me on this pick, or null */
  vote: "like" | "dislike" | null;
};

export type TFoundRecommendation = {
  id: string;
  createdAt: Date;
  queryTitle: string | null;
  queryArtist: string | null;
  queryTrackId: string | null;
  trackId: string;
  trackTitle: string;
  trackArtists: string[];
  features: TAudioFeatures;
  featureSource: string;
  modelId: string;
  clusterIndex: number;
  /** The song kinds the listener chose. */
  kinds: string[];
  /** the steering options, zod-checked; null when none were stored (older rows) or the stored value is malformed */
  options: TRecommendationOptions | null;
  /** the experiment and variant that chose the model (null outside an experiment) */
  experimentId: string | null;
  variant: string | null;
  /** whether the feedback signal adjusted the ranking */
  feedbackSignal: boolean;
  clusters: { index: number; label: string; size: number }[];
  items: TFoundRecommendationItem[];
  rating: { id: string; stars: number; comment: string | null; createdAt: Date } | null;
};

const FEATURE_COLUMNS = {
  danceability: true,
  energy: true,
  loudness: true,
  speechiness: true,
  acousticness: true,
  instrumentalness: true,
  liveness: true,
  valence: true,
  tempo: true,
} as const;

/** `Recommendation.items` as store-recommendation.ts writes it (and as the migration that moved the picks there did). */
export const ZStoredRecommendationItems = z.array(
  z.object({ songId: z.string(), similarity: z.number(), seedSimilarities: z.array(z.number()).default([]) }),
);
export type TStoredRecommendationItem = z.infer<typeof ZStoredRecommendationItems>[number];

export async function findRecommendation(db: TDb, id: string): Promise<TFoundRecommendation | null> {
  const row = await db.recommendation.findUnique({
    where: { id },
    include: {
      rating: { select: { id: true, stars: true, comment: true, createdAt: true } },
      pickFeedback: { select: { songId: true, vote: true } },
      model: { select: { clusters: { select: { index: true, label: true, size: true }, orderBy: { index: "asc" } } } },
    },
  });
  if (!row) return null;
  // A malformed value (only a hand edit could make one) shows as no picks, as malformed options show as none.
  const picks = ZStoredRecommendationItems.safeParse(row.items).data ?? [];
  const songs = await db.song.findMany({
    where: { id: { in: picks.map((pick) => pick.songId) } },
    select: {
      id: true,
      title: true,
      artists: true,
      album: true,
      kind: true,
      animeTitle: true,
      ...FEATURE_COLUMNS,
      clusters: { where: { modelId: row.modelId }, select: { clusterIndex: true } },
    },
  });
  const songsById = new Map(songs.map((song) => [song.id, song]));
  return {
    id: row.id,
    createdAt: row.createdAt,
    queryTitle: row.queryTitle,
    queryArtist: row.queryArtist,
    queryTrackId: row.queryTrackId,
    trackId: row.trackId,
    trackTitle: row.trackTitle,
    trackArtists: row.trackArtists,
    features: row.features as TAudioFeatures,
    featureSource: row.featureSource,
    modelId: row.modelId,
    clusterIndex: row.clusterIndex,
    kinds: row.kinds,
    options: parseOptions(row.options),
    experimentId: row.experimentId,
    variant: row.variant,
    feedbackSignal: row.feedbackSignal,
    clusters: row.model.clusters,
    rating: row.rating,
    // A pick keeps its rank (its place in the list) even if its song were gone; songs are never deleted, but the
    // picks no longer have a foreign key to prove it.
    items: picks.flatMap((pick, i) => {
      const song = songsById.get(pick.songId);
      if (!song) return [];
      const { clusters, id: songId, title, artists, album, kind, animeTitle, ...features } = song;
      return [
        {
          rank: i + 1,
          similarity: pick.similarity,
          seedSimilarities: pick.seedSimilarities,
          song: { id: songId, title, artists, album, kind, animeTitle, features },
          clusterIndex: clusters[0]?.clusterIndex ?? null,
          vote: toVote(row.pickFeedback.find((f) => f.songId === songId)?.vote),
        },
      ];
    }),
  };
}

function parseOptions(value: unknown): TRecommendationOptions | null {
  if (value === null || value === undefined) return null;
  const parsed = ZRecommendationOptions.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function toVote(vote: string | undefined): "like" | "dislike" | null {
  return vote === "like" || vote === "dislike" ? vote : null;
}
