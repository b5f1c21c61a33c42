// A stored recommendation in the POST response's shape (so the permalink and the search render alike),
// plus its rating. What the POST knew only at search time (provider attempts, other candidates) is not
// stored: those come back empty.
import { FEATURE_NAMES } from "@anisong/core-ml";
import { findRecommendation as findStored, type TDb } from "@anisong/db";
import { providerLabel, spotifyTrackUrl, type TProviderName } from "@anisong/providers";
import type { TStoredRecommendationResponse } from "../../lib/api-types";
import { ApiError } from "../http/errors";

export async function findRecommendationView(db: TDb, id: string): Promise<TStoredRecommendationResponse | null> {
  const stored = await findStored(db, id);
  if (!stored) return null;
  const clusterByIndex = new Map(stored.clusters.map((c) => [c.index, c]));
  const clusterOf = (index: number) => clusterByIndex.get(index) ?? { index, label: `Cluster ${index}`, size: 0 };
  const source = stored.featureSource as TProviderName;
  return {
    id: stored.id,
    createdAt: stored.createdAt.toISOString(),
    modelVersion: stored.modelId,
    query: {
      track: {
        id: stored.trackId,
        title: stored.trackTitle,
        artists: stored.trackArtists,
        album: null,
        year: null,
        spotifyUrl: spotifyTrackUrl(stored.trackId),
      },
      features: stored.features,
      source,
      sourceLabel: providerLabel(source),
      attempts: [],
      // How it matched is not stored; what was typed tells the kind of search.
      matchedBy: stored.queryTrackId ? "id" : stored.queryTitle ? "confident" : "artist-only",
      candidates: [],
      ambiguous: false,
      asked: { title: stored.queryTitle, artist: stored.queryArtist, trackId: stored.queryTrackId },
    },
    cluster: clusterOf(stored.clusterIndex),
    kinds: stored.kinds,
    featureNames: [...FEATURE_NAMES],
    items: stored.items.map((item) => {
      const cluster = clusterOf(item.clusterIndex ?? stored.clusterIndex);
      return {
        rank: item.rank,
        trackId: item.song.id,
        title: item.song.title,
        artists: item.song.artists,
        album: item.song.album,
        kind: item.song.kind,
        animeTitle: item.song.animeTitle,
        similarity: item.similarity,
        cluster: { index: cluster.index, label: cluster.label },
        features: item.song.features,
        spotifyUrl: spotifyTrackUrl(item.song.id),
        vote: item.vote,
      };
    }),
    experiment: stored.experimentId && stored.variant ? { id: stored.experimentId, variant: stored.variant } : null,
    feedbackSignal: stored.feedbackSignal,
    rating: stored.rating
      ? {
          id: stored.rating.id,
          recommendationId: stored.id,
          stars: stored.rating.stars,
          comment: stored.rating.comment,
          createdAt: stored.rating.createdAt.toISOString(),
        }
      : null,
  };
}

export async function getRecommendationView(db: TDb, id: string): Promise<TStoredRecommendationResponse> {
  const found = await findRecommendationView(db, id);
  if (!found) throw new ApiError(404, "not_found", "There is no recommendation with that id.");
  return found;
}
