// Public shapes of the package: what a resolved song looks like and where it came from.
import { z } from "zod";
import { ZAudioFeatures, type TAudioFeatures } from "@anisong/core-ml";
import type { TProviderName } from "./providers/registry";

export type { TProviderName };

export const ZTrack = z.object({
  id: z.string(),
  title: z.string(),
  artists: z.array(z.string()),
  album: z.string().optional(),
  year: z.number().int().optional(),
  popularity: z.number().min(0).max(100).optional(),
  imageUrl: z.string().optional(),
  spotifyUrl: z.string(),
  genres: z.array(z.string()).optional(),
});
export type TTrack = z.infer<typeof ZTrack>;

/** One provider's part in a resolution, for the "which source answered" UI. */
export type TAttempt = { provider: TProviderName; outcome: string };

export type TResolvedSong = {
  track: TTrack;
  features: TAudioFeatures;
  source: TProviderName;
  /** Ranked matches, the chosen track first, so a UI can let the listener pick another. */
  candidates: TTrack[];
  attempts: TAttempt[];
  /**
   * How the track was identified: a pasted id, an exact or a confident (close) text match, or an artist-only
   * search that took the artist's best-ranked song.
   */
  matchedBy: TMatchedBy;
};

export type TMatchedBy = "exact" | "confident" | "artist-only" | "id";

export type TTextQuery = { title?: string; artist?: string };
export type TSongQuery = TTextQuery | { trackId: string };

export { ZAudioFeatures };
export type { TAudioFeatures };

/** The open.spotify.com link of a track id (escaped: ids from stored rows or other providers are not trusted). */
export function spotifyTrackUrl(id: string): string {
  return `https://open.spotify.com/track/${encodeURIComponent(id)}`;
}
