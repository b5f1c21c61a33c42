// One recommendation: resolve the listener's song → place it in the active model → rank that cluster's
// songs → store the recommendation with its picks in one row → answer with the explanation data.
import { FEATURE_NAMES, recommendSteered } from "@anisong/core-ml";
import { storeRecommendation, type TDb } from "@anisong/db";
import { providerLabel, spotifyTrackUrl } from "@anisong/providers";
import type { TRecommendationResponse } from "../../lib/api-types";
import { planRecommendation } from "../experiments/plan-recommendation";
import { clusterOf, preparedForKinds } from "../model/load-active-model";
import type { TRecommendationRequest } from "../schemas";
import { toTrackSummary } from "../songs/track-summary";
import { pickListOf } from "./pick-list";
import { resolveSeeds } from "./resolve-seeds";
import { normaliseOptions, toSteering } from "./steering-options";

/** `visitorId`: the anisong_visitor cookie, which keeps a visitor in one variant of a running experiment. */
export async function createRecommendation(
  db: TDb,
  input: TRecommendationRequest,
  context: { visitorId?: string } = {},
): Promise<TRecommendationResponse> {
  const resolvedSeeds = await resolveSeeds(input);
  const resolved = resolvedSeeds.seeds[0]!; // the first seed is "your song" of the page and the stored query
  const asked = input.seeds[0]!;
  const { loaded, experiment, boosts } = await planRecommendation(db, context);
  const options = normaliseOptions(input, resolvedSeeds);
  const { steering, opts } = toSteering(options, loaded);
  // Every seed's own song (any version of it) never comes back; core-ml skips them by trackId and songKey.
  // Listeners' votes, when the signal applies, nudge the ranking within core-ml's ±MAX_BOOST.
  const result = recommendSteered(loaded.model, steering, preparedForKinds(loaded, input.kinds), {
    ...opts,
    ...(boosts?.size ? { boosts } : {}),
  });

  const items = result.items.map((item, i) => {
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
      seedSimilarities: item.seedSimilarities,
      cluster: { index: cluster.index, label: cluster.label },
      features: song.features,
      spotifyUrl: spotifyTrackUrl(song.trackId),
      kind: song.kind,
      animeTitle: song.animeTitle,
    };
  });

  const stored = await storeRecommendation(db, {
    queryTitle: asked.trackId === undefined ? (asked.title ?? null) : null,
    queryArtist: asked.trackId === undefined ? (asked.artist ?? null) : null,
    queryTrackId: asked.trackId ?? null,
    trackId: resolved.track.id,
    trackTitle: resolved.track.title,
    trackArtists: resolved.track.artists,
    features: resolved.features,
    featureSource: resolved.source,
    modelId: loaded.version,
    clusterIndex: result.cluster,
    kinds: input.kinds,
    options,
    experimentId: experiment?.id ?? null,
    variant: experiment?.variant ?? null,
    feedbackSignal: boosts !== null,
    items: items.map((item) => ({
      songId: item.trackId,
      similarity: item.similarity,
      seedSimilarities: item.seedSimilarities,
    })),
  });

  const pick = pickListOf(resolved, { titleOnly: asked.trackId === undefined && asked.artist === undefined && !!asked.title });
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
    options,
    shifts: result.shifts,
    items,
    experiment,
    feedbackSignal: boosts !== null,
  };
}
