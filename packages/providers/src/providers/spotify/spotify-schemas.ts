// Zod shapes of the Spotify Web API responses we read (extra fields pass through untouched).
import { z } from "zod";
import { ZAudioFeatures } from "@anisong/core-ml";

export const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

const ZImage = z.object({ url: z.string(), width: z.number().nullish(), height: z.number().nullish() });

export const ZSpotifyTrack = z.object({
  id: z.string().regex(/^[0-9A-Za-z]{22}$/),
  name: z.string(),
  artists: z.array(z.object({ name: z.string() })),
  album: z.object({ name: z.string(), release_date: z.string().nullish(), images: z.array(ZImage).default([]) }).optional(),
  popularity: z.number().min(0).max(100).optional(),
  external_urls: z.object({ spotify: z.string().optional() }).optional(),
});
export type TSpotifyTrack = z.infer<typeof ZSpotifyTrack>;

/** An album as the several-tracks endpoint returns it inside each track (always present there). */
const ZSpotifyAlbumDetails = z.object({
  name: z.string(),
  release_date: z.string().nullish(),
  release_date_precision: z.enum(["year", "month", "day"]).nullish(),
  images: z.array(ZImage).default([]),
});

/** GET /v1/tracks?ids=…: one entry per requested id, in order; null where Spotify does not know the id. */
export const ZSeveralTracksResponse = z.object({
  tracks: z.array(ZSpotifyTrack.extend({ album: ZSpotifyAlbumDetails }).nullable()),
});
export type TSeveralTracksResponse = z.infer<typeof ZSeveralTracksResponse>;

export const ZSearchResponse = z.object({ tracks: z.object({ items: z.array(ZSpotifyTrack) }) });

export const ZSpotifyAudioFeatures = ZAudioFeatures.extend({ id: z.string() });
