// Spotify's Web API: search, track by id and audio features, with client credentials.
import type { TResolverConfig } from "../../env";
import { ProviderFault } from "../../errors";
import { defineProvider, describeTrack, type TProviderImpl } from "../feature-provider";
import { createSpotifyClient } from "./spotify-client";

const FEATURES_OFF = "audio features unavailable to this app (HTTP 403), not asked again by this resolver";

export function createSpotifyProvider(config: TResolverConfig): TProviderImpl {
  const client = createSpotifyClient(config);
  // Set by the first 403 from audio-features (apps created after Nov 2024 get one on every call); the apps keep
  // one resolver per process, so this holds for the process.
  let featuresOff = false;
  const base = { reach: "remote", capabilities: ["lookup", "search", "features"] } as const;
  if (!client) return { ...base, configuration: { configured: false, reason: "no credentials" } };
  return {
    ...base,
    configuration: { configured: true },
    pausedReason: (capability) => (capability === "features" && featuresOff ? FEATURES_OFF : null),

    async lookup(id) {
      const track = await client.getTrack(id);
      return { found: true, track };
    },

    async search(query, limit) {
      const tracks = await client.searchTracks(query, limit);
      const best = tracks[0];
      if (!best) return { found: false, reason: "no match", nearest: [] };
      return { found: true, track: best, candidates: tracks, outcome: `matched ${describeTrack(best)}` };
    },

    async features(id) {
      try {
        return { found: true, features: await client.audioFeatures(id) };
      } catch (error) {
        if (error instanceof ProviderFault && error.kind === "forbidden") featuresOff = true;
        throw error;
      }
    },
  };
}

export const spotifyProvider = defineProvider({ name: "spotify", label: "Spotify's audio-features API", create: createSpotifyProvider });
