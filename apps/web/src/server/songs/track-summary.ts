import { spotifyTrackUrl, type TTrack } from "@anisong/providers";
import type { TTrackSummary } from "../../lib/api-types";

export function toTrackSummary(track: TTrack): TTrackSummary {
  return {
    id: track.id,
    title: track.title,
    artists: track.artists,
    album: track.album ?? null,
    year: track.year ?? null,
    spotifyUrl: track.spotifyUrl || spotifyTrackUrl(track.id),
  };
}
