// A catalog-only song resolver that counts its resolve() calls: how the route tests see whether a request resolved
// its songs or reused an answer the recommendation memo kept. Each call makes a new resolver (a new identity, which
// the memo checks).
import { createSongResolver, resolveSpotifyConfig, type TSongResolver } from "@anisong/providers";

export function countingResolver(): { resolver: TSongResolver; calls(): number } {
  const base = createSongResolver({ ...resolveSpotifyConfig({} as NodeJS.ProcessEnv), providers: ["catalog"] });
  let calls = 0;
  const resolver: TSongResolver = {
    ...base,
    providers: base.providers,
    spotifyFeaturesAvailable: base.spotifyFeaturesAvailable,
    resolve: (query) => {
      calls++;
      return base.resolve(query);
    },
  };
  return { resolver, calls: () => calls };
}
