// ReccoBeats (free, keyless): Spotify-style audio features and basic track data by Spotify track id.
// Responses list ReccoBeats' own ids; each item's `href` is the open.spotify.com link we map back by.
import { z } from "zod";
import { FEATURE_NAMES, ZAudioFeatures, type TAudioFeatures } from "@anisong/core-ml";
import { fetchWithTimeout, readJson, throwForStatus, withRetries } from "../../http/http-faults";
import { parseSpotifyTrackRef } from "../../track-ref/parse-spotify-track-ref";
import { spotifyTrackUrl, type TTrack } from "../../types";

const ZFeaturesItem = ZAudioFeatures.extend({ id: z.string(), href: z.string() });
const ZFeaturesResponse = z.object({ content: z.array(ZFeaturesItem) });

const ZTrackItem = z.object({
  id: z.string(),
  trackTitle: z.string(),
  artists: z.array(z.object({ name: z.string() })),
  href: z.string(),
  popularity: z.number().min(0).max(100).optional(),
});
const ZTrackResponse = z.object({ content: z.array(ZTrackItem) });

export type TReccoBeatsOptions = { apiBase: string; timeoutMs: number; maxRetryAfterMs: number };

export class ReccoBeatsClient {
  constructor(private readonly options: TReccoBeatsOptions) {}

  /** Features of one Spotify track, or null when ReccoBeats has not analysed it. */
  async audioFeatures(spotifyId: string): Promise<TAudioFeatures | null> {
    const body = await this.get(`/v1/audio-features?ids=${encodeURIComponent(spotifyId)}`, ZFeaturesResponse, "audio-features");
    const item = body.content.find((c) => parseSpotifyTrackRef(c.href) === spotifyId);
    return item ? (Object.fromEntries(FEATURE_NAMES.map((name) => [name, item[name]])) as TAudioFeatures) : null;
  }

  /** Title and artists of one Spotify track, or null when unknown to ReccoBeats. */
  async track(spotifyId: string): Promise<TTrack | null> {
    const body = await this.get(`/v1/track?ids=${encodeURIComponent(spotifyId)}`, ZTrackResponse, "track");
    const item = body.content.find((c) => parseSpotifyTrackRef(c.href) === spotifyId);
    if (!item) return null;
    const track: TTrack = {
      id: spotifyId,
      title: item.trackTitle,
      artists: item.artists.map((a) => a.name),
      spotifyUrl: spotifyTrackUrl(spotifyId),
    };
    if (item.popularity !== undefined) track.popularity = item.popularity;
    return track;
  }

  private get<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
    const { apiBase, timeoutMs, maxRetryAfterMs } = this.options;
    return withRetries(
      async () => {
        const response = await fetchWithTimeout(`${apiBase}${path}`, { headers: { Accept: "application/json" } }, timeoutMs);
        throwForStatus(response);
        return readJson(response, schema, what);
      },
      { maxRetryAfterMs },
    );
  }
}
