// ReccoBeats (free, keyless): track data and audio features by Spotify id. It cannot search by text, so it
// joins the chain once another provider has identified the track.
import type { TResolverConfig } from "../../env";
import { defineProvider, type TProviderImpl } from "../feature-provider";
import { ReccoBeatsClient } from "./reccobeats-client";

export function createReccoBeatsProvider(config: TResolverConfig): TProviderImpl {
  const client = new ReccoBeatsClient({
    apiBase: config.reccobeatsApiBase,
    timeoutMs: config.timeoutMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
  });
  return {
    reach: "remote",
    capabilities: ["lookup", "features"],
    configuration: { configured: true },

    async lookup(id) {
      const track = await client.track(id);
      return track ? { found: true, track } : { found: false, reason: "track unknown" };
    },

    async features(id) {
      const features = await client.audioFeatures(id);
      return features
        ? { found: true, features }
        : { found: false, reason: "no audio features for this track", outcome: "none for this track" };
    },
  };
}

export const reccobeatsProvider = defineProvider({ name: "reccobeats", label: "ReccoBeats", create: createReccoBeatsProvider });
