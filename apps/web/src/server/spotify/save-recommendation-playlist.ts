// Saves one stored recommendation as a private playlist in the listener's account, keeping the session's
// tokens in step with every refresh.
import { storeSpotifySession, type TDb } from "@anisong/db";
import { savePlaylist, type TSpotifyTokens } from "@anisong/providers/spotify-playlists";
import type { TStoredRecommendationResponse } from "../../lib/api-types";
import { spotifyPlaylistClient, type TSpotifySaveConfig } from "./spotify-save-config";

/** Spotify's limits on a playlist's name and description. */
const NAME_MAX = 100;
const DESCRIPTION_MAX = 300;

const TRACK_ID = /^[0-9A-Za-z]{22}$/;

export function playlistText(recommendation: TStoredRecommendationResponse, permalink: string): { name: string; description: string } {
  const { title, artists } = recommendation.query.track;
  const name = cut(`Anisong: like ${title}`, NAME_MAX);
  // Spotify refuses line breaks in a description; the permalink goes last and is never cut.
  const tail = `, picked by Anisong: ${permalink}`;
  const head = cut(
    `Anime songs that sound like ${title}${artists.length ? ` by ${artists.join(", ")}` : ""}`,
    DESCRIPTION_MAX - tail.length,
  );
  return { name: flat(name), description: flat(head + tail) };
}

/** The items' Spotify track URIs, once each, in rank order. */
export function playlistUris(recommendation: TStoredRecommendationResponse): string[] {
  const ids = recommendation.items.map((i) => i.trackId).filter((id) => TRACK_ID.test(id));
  return [...new Set(ids)].map((id) => `spotify:track:${id}`);
}

export async function saveRecommendationPlaylist(input: {
  db: TDb;
  config: TSpotifySaveConfig;
  sessionRowId: string;
  tokens: TSpotifyTokens;
  recommendation: TStoredRecommendationResponse;
  permalink: string;
}): Promise<{ playlistId: string }> {
  const saved = await savePlaylist({
    client: spotifyPlaylistClient(input.config),
    tokens: input.tokens,
    onTokens: (tokens) => storeSpotifySession(input.db, { id: input.sessionRowId, tokens }),
    ...playlistText(input.recommendation, input.permalink),
    uris: playlistUris(input.recommendation),
  });
  return { playlistId: saved.playlistId };
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
