// One recommendation: resolve the listener's song → place it in the active model → rank that cluster's
// songs → store the recommendation with its picks in one row → answer with the explanation data. The same
// request again, on the same model, variant and feedback, reuses what the first computed (recommendation-memo.ts).
import { FEATURE_NAMES, recommendSteered } from "@anisong/core-ml";
import { prepareRecommendation, storeRecommendation, type TDb } from "@anisong/db";
import { providerLabel, spotifyTrackUrl } from "@anisong/providers";
import type { TRecommendationResponse } from "../../lib/api-types";
import { planRecommendation, type TRecommendationPlan } from "../experiments/plan-recommendation";
import { clusterOf, loadActiveModel, preparedForKinds } from "../model/load-active-model";
import type { TRecommendationRequest } from "../schemas";
import { getResolver } from "../services";
import { toTrackSummary } from "../songs/track-summary";
import { pickListOf } from "./pick-list";
import {
  hasRecommendation,
  memoBasis,
  recallRecommendation,
  rememberRecommendation,
  type TComputedRecommendation,
} from "./recommendation-memo";
import { resolveSeeds, type TResolvedSeeds } from "./resolve-seeds";
import { normaliseOptions, toSteering } from "./steering-options";

/** The answer, as data (the results page renders it) and as the JSON the API sends. */
export type TCreatedRecommendation = { data: TRecommendationResponse; json: string };

/** `visitorId`: the anisong_visitor cookie, which keeps a visitor in one variant of a running experiment. */
export async function createRecommendation(
  db: TDb,
  input: TRecommendationRequest,
  context: { visitorId?: string } = {},
): Promise<TCreatedRecommendation> {
  const key = JSON.stringify(input);
  // A request not seen lately resolves its songs first, as before there was a memo: a song that cannot be found, or
  // sources that are down, answer before the database is asked.
  const resolvedFirst = hasRecommendation(key) ? null : await resolveSeeds(input);
  const plan = await planRecommendation(db, context);
  const basis = memoBasis({
    plan,
    active: plan.experiment ? await loadActiveModel(db) : plan.loaded,
    resolver: getResolver(),
  });
  let computed = recallRecommendation(key, basis);
  if (!computed) {
    computed = computeRecommendation(input, resolvedFirst ?? (await resolveSeeds(input)), plan);
    rememberRecommendation(key, basis, computed);
  }
  const stored = await storeRecommendation(db, computed.row);
  const id = stored.id;
  const createdAt = stored.createdAt.toISOString();
  return {
    data: { id, createdAt, ...computed.body },
    // The body's JSON object with the id and time in front, as `data` has them.
    json: `{"id":${JSON.stringify(id)},"createdAt":${JSON.stringify(createdAt)},${computed.bodyJson.slice(1)}`,
  };
}

function computeRecommendation(
  input: TRecommendationRequest,
  resolvedSeeds: TResolvedSeeds,
  plan: TRecommendationPlan,
): TComputedRecommendation {
  const resolved = resolvedSeeds.seeds[0]!; // the first seed is "your song" of the page and the stored query
  const asked = input.seeds[0]!;
  const { loaded, experiment, boosts } = plan;
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

  const row = prepareRecommendation({
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
  const body: TComputedRecommendation["body"] = {
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
  return { body, bodyJson: JSON.stringify(body), row };
}
