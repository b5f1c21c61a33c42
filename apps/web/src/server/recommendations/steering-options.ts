// A request's steering, resolved, in the two shapes it takes: core-ml's TSteering/TSteerOptions for the ranking,
// and the normalised options stored with the recommendation (and echoed in the response and the permalink).
import type { TSteering, TSteerOptions } from "@anisong/core-ml";
import type { TRecommendationOptions, TStoredSeed } from "@anisong/db";
import type { TResolvedSong } from "@anisong/providers";
import type { TLoadedModel } from "../model/load-active-model";
import type { TRecommendationRequest } from "../schemas";
import { trackSongKey } from "../songs/one-per-song";
import type { TResolvedSeeds } from "./resolve-seeds";

/** The stored, canonical form: "as is" targets and an empty tempo range are left out, so equal steering reads equal. */
export function normaliseOptions(input: TRecommendationRequest, resolved: TResolvedSeeds): TRecommendationOptions {
  const targets = Object.fromEntries(Object.entries(input.targets).filter(([, step]) => step !== "same"));
  const { min, max } = input.tempoRange ?? {};
  return {
    seeds: resolved.seeds.map(storedSeed),
    avoid: resolved.avoid.map(storedSeed),
    targets,
    tempoRange:
      min === undefined && max === undefined ? null : { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
    variety: input.variety ?? null,
    maxPerArtist: input.maxPerArtist,
    topN: input.topN,
  };
}

function storedSeed(song: TResolvedSong): TStoredSeed {
  return { trackId: song.track.id, title: song.track.title, artists: song.track.artists, source: song.source, features: song.features };
}

/** The normalised options → core-ml's steering call. A seed's versions never come back (its songKey). */
export function toSteering(
  options: TRecommendationOptions,
  loaded: Pick<TLoadedModel, "keysById">,
): { steering: TSteering; opts: TSteerOptions } {
  const seedOf = (seed: TStoredSeed) => ({
    trackId: seed.trackId,
    songKey: loaded.keysById.get(seed.trackId)?.songKey ?? trackSongKey({ id: seed.trackId, title: seed.title, artists: seed.artists }),
    features: seed.features,
  });
  return {
    steering: {
      seeds: options.seeds.map(seedOf),
      avoid: options.avoid.map(seedOf),
      targets: options.targets,
      ...(options.tempoRange ? { tempoRange: options.tempoRange } : {}),
    },
    opts: {
      topN: options.topN,
      maxPerArtist: options.maxPerArtist,
      ...(options.variety !== null ? { variety: options.variety } : {}),
    },
  };
}
