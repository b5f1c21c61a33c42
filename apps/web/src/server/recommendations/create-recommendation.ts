// One recommendation: resolve the listener's song → place it in the active model → rank that cluster's
// songs → store the recommendation with its items in one write → answer with the explanation data.
import { applyBoosts, FEATURE_NAMES, recommend } from "@anisong/core-ml";
import { storeRecommendation, type TDb } from "@anisong/db";
import {
  InvalidQueryError,
  parseSongQuery,
  providerLabel,
  spotifyTrackUrl,
  type TParsedSongQuery,
  type TResolvedSong,
} from "@anisong/providers";
import type { TRecommendationResponse } from "../../lib/api-types";
import { getResolver } from "../services";
import { ApiError } from "../http/errors";
import { planRecommendation } from "../experiments/plan-recommendation";
import { clusterOf, preparedForKinds } from "../model/load-active-model";
import type { TRecommendationRequest } from "../schemas";
import { trackSongKey } from "../songs/one-per-song";
import { toTrackSummary } from "../songs/track-summary";
import { pickListOf } from "./pick-list";

/** `visitorId`: the anisong_visitor cookie, which keeps a visitor in one variant of a running experiment. */
export async function createRecommendation(
  db: TDb,
  input: TRecommendationRequest,
  context: { visitorId?: string } = {},
): Promise<TRecommendationResponse> {
  const resolved = await resolveSong(input);
  const { loaded, experiment, boosts } = await planRecommendation(db, context);
  // The query's own song (any version of it) never comes back; a song outside the library keys by title + artist.
  const songKey = loaded.keysById.get(resolved.track.id)?.songKey ?? trackSongKey(resolved.track);
  const result = recommend(
    loaded.model,
    { trackId: resolved.track.id, features: resolved.features, songKey },
    preparedForKinds(loaded, input.kinds),
    {
      // Over-fetched when votes may re-rank the list (applyBoosts keeps the topN).
      topN: boosts?.size ? input.topN * 3 : input.topN,
      maxPerArtist: input.maxPerArtist,
    },
  );
  const ranked = boosts?.size ? applyBoosts(result.items, boosts, input.topN) : result.items;

  const items = ranked.map((item, i) => {
    const song = loaded.songsById.get(item.trackId);
    if (!song) throw new Error(`Recommended track ${item.trackId} is missing from the loaded library.`);
    const cluster = clusterOf(loaded, song.cluster);
    return {
      rank: i + 1,
      trackId: song.trackId,
      title: song.title,
      artists: song.artists,
      album: song.album,
      similarity: item.similarity,
      cluster: { index: cluster.index, label: cluster.label },
      features: song.features,
      spotifyUrl: spotifyTrackUrl(song.trackId),
      kind: song.kind,
      animeTitle: song.animeTitle,
    };
  });

  const stored = await storeRecommendation(db, {
    queryTitle: input.title ?? null,
    queryArtist: input.artist ?? null,
    queryTrackId: input.trackId ?? null,
    trackId: resolved.track.id,
    trackTitle: resolved.track.title,
    trackArtists: resolved.track.artists,
    features: resolved.features,
    featureSource: resolved.source,
    modelId: loaded.version,
    clusterIndex: result.cluster,
    kinds: input.kinds,
    experimentId: experiment?.id ?? null,
    variant: experiment?.variant ?? null,
    feedbackSignal: boosts !== null,
    items: items.map((item) => ({ rank: item.rank, songId: item.trackId, similarity: item.similarity })),
  });

  const pick = pickListOf(resolved, { titleOnly: input.trackId === undefined && input.artist === undefined && !!input.title });
  return {
    id: stored.id,
    createdAt: stored.createdAt.toISOString(),
    modelVersion: loaded.version,
    query: {
      track: toTrackSummary(resolved.track),
      features: resolved.features,
      source: resolved.source,
      sourceLabel: providerLabel(resolved.source),
      attempts: resolved.attempts,
      matchedBy: pick.matchedBy,
      candidates: pick.candidates.map(toTrackSummary),
      ambiguous: pick.ambiguous,
    },
    cluster: clusterOf(loaded, result.cluster),
    featureNames: [...FEATURE_NAMES],
    kinds: input.kinds,
    items,
    experiment,
    feedbackSignal: boosts !== null,
  };
}

async function resolveSong(input: TRecommendationRequest): Promise<TResolvedSong> {
  let query: TParsedSongQuery;
  try {
    // Parsed once, here, so a bad track reference gets its field issue; the resolver takes the parsed query as is.
    query = parseSongQuery(input.trackId !== undefined ? { trackId: input.trackId } : { title: input.title, artist: input.artist });
  } catch (error) {
    if (error instanceof InvalidQueryError && input.trackId !== undefined) {
      throw new ApiError(400, "bad_request", "That is not a Spotify track link, URI or id.", {
        issues: [{ path: "trackId", message: "expected https://open.spotify.com/track/…, spotify:track:… or a 22-character id" }],
      });
    }
    throw error;
  }
  return getResolver().resolve(query);
}
