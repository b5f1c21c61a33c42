// One stored recommendation as the permalink shows it: the query, its items joined with their songs and
// those songs' clusters under the recommendation's model, and the rating if one was given. One Prisma call
// (relation loads batched by Prisma); null for an unknown id.
import type { TAudioFeatures } from "@anisong/core-ml";
import type { TDb } from "../client/create-prisma-client";

export type TFoundRecommendationItem = {
  rank: number;
  similarity: number;
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

export async function findRecommendation(db: TDb, id: string): Promise<TFoundRecommendation | null> {
  const row = await db.recommendation.findUnique({
    where: { id },
    include: {
      rating: { select: { id: true, stars: true, comment: true, createdAt: true } },
      pickFeedback: { select: { songId: true, vote: true } },
      model: { select: { clusters: { select: { index: true, label: true, size: true }, orderBy: { index: "asc" } } } },
      items: {
        orderBy: { rank: "asc" },
        include: {
          song: {
            select: {
              id: true,
              title: true,
              artists: true,
              album: true,
              kind: true,
              animeTitle: true,
              ...FEATURE_COLUMNS,
              clusters: { select: { modelId: true, clusterIndex: true } },
            },
          },
        },
      },
    },
  });
  if (!row) return null;
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
    experimentId: row.experimentId,
    variant: row.variant,
    feedbackSignal: row.feedbackSignal,
    clusters: row.model.clusters,
    rating: row.rating,
    items: row.items.map((item) => {
      const { clusters, id: songId, title, artists, album, kind, animeTitle, ...features } = item.song;
      return {
        rank: item.rank,
        similarity: item.similarity,
        song: { id: songId, title, artists, album, kind, animeTitle, features },
        clusterIndex: clusters.find((c) => c.modelId === row.modelId)?.clusterIndex ?? null,
        vote: toVote(row.pickFeedback.find((f) => f.songId === songId)?.vote),
      };
    }),
  };
}

function toVote(vote: string | undefined): "like" | "dislike" | null {
  return vote === "like" || vote === "dislike" ? vote : null;
}
