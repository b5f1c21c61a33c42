// Spotify Web API through the official SDK (@spotify/web-api-ts-sdk). The SDK hard-codes
// https://api.spotify.com/v1/, so its `fetch` option rewrites that origin to the configured one (the loopback
// servers in tests) and adds the per-call timeout; our validator and deserializer turn statuses and bad JSON
// into typed ProviderFaults, and zod checks every body before it is used.
import { SpotifyApi, type IResponseDeserializer, type IValidateResponses } from "@spotify/web-api-ts-sdk";
import type { TAudioFeatures } from "@anisong/core-ml";
import { FEATURE_NAMES } from "@anisong/core-ml";
import type { TResolverConfig } from "../../env";
import { InvalidQueryError, ProviderFault } from "../../errors";
import { fetchWithTimeout, throwForStatus, validate, withRetries } from "../../http/http-faults";
import { spotifyTrackUrl, type TTextQuery, type TTrack } from "../../types";
import { ClientCredentialsAuth } from "./client-credentials-auth";
import {
  ZSearchResponse,
  ZSeveralTracksResponse,
  ZSpotifyAudioFeatures,
  ZSpotifyTrack,
  type TSeveralTracksResponse,
  type TSpotifyTrack,
} from "./spotify-schemas";

const SDK_ROOT = "https://api.spotify.com/";

/** Spotify's limit for GET /v1/tracks?ids=… */
export const SEVERAL_TRACKS_MAX_IDS = 50;
const SPOTIFY_TRACK_ID = /^[0-9A-Za-z]{22}$/;

/** A track's catalogue metadata from the several-tracks endpoint (what enrichment keeps). */
export type TSpotifyTrackDetails = {
  id: string;
  title: string;
  artists: string[];
  album: string;
  /** "2019", "2019-07" or "2019-07-03", as Spotify gives it; precision says which */
  releaseDate: string | null;
  releaseDatePrecision: "year" | "month" | "day" | null;
  /** the album's cover in every size Spotify offers, largest first */
  images: { url: string; width: number | null; height: number | null }[];
};

export type TSpotifyClientOptions = {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  accountsBase: string;
  timeoutMs: number;
  maxRetryAfterMs: number;
};

const validator: IValidateResponses = { validateResponse: async (response: Response) => throwForStatus(response) };

const deserializer: IResponseDeserializer = {
  async deserialize<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (text.length === 0) return null as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ProviderFault("malformed", "response is not JSON");
    }
  },
};

/** Spotify's query syntax: field filters, quotes stripped from the listener's text. */
export function buildSearchQuery(query: TTextQuery): string {
  const clean = (s: string | undefined) => (s ?? "").replace(/"/g, " ").replace(/\s+/g, " ").trim();
  const parts: string[] = [];
  if (clean(query.title)) parts.push(`track:"${clean(query.title)}"`);
  if (clean(query.artist)) parts.push(`artist:"${clean(query.artist)}"`);
  return parts.join(" ");
}

export function toTrack(t: TSpotifyTrack): TTrack {
  const track: TTrack = {
    id: t.id,
    title: t.name,
    artists: t.artists.map((a) => a.name),
    spotifyUrl: t.external_urls?.spotify ?? spotifyTrackUrl(t.id),
  };
  if (t.album?.name) track.album = t.album.name;
  const year = Number(t.album?.release_date?.slice(0, 4));
  if (Number.isInteger(year) && year > 1800) track.year = year;
  if (t.popularity !== undefined) track.popularity = t.popularity;
  const image = t.album?.images[0]?.url;
  if (image) track.imageUrl = image;
  return track;
}

function toTrackDetails(t: NonNullable<TSeveralTracksResponse["tracks"][number]>): TSpotifyTrackDetails {
  return {
    id: t.id,
    title: t.name,
    artists: t.artists.map((a) => a.name),
    album: t.album.name,
    releaseDate: t.album.release_date || null,
    releaseDatePrecision: t.album.release_date_precision ?? null,
    images: t.album.images
      .map((i) => ({ url: i.url, width: i.width ?? null, height: i.height ?? null }))
      .sort((a, b) => (b.width ?? 0) - (a.width ?? 0)),
  };
}

export class SpotifyClient {
  private readonly auth: ClientCredentialsAuth;
  private readonly api: SpotifyApi;

  constructor(private readonly options: TSpotifyClientOptions) {
    this.auth = new ClientCredentialsAuth(
      { clientId: options.clientId, clientSecret: options.clientSecret },
      options.accountsBase,
      options.timeoutMs,
    );
    this.api = new SpotifyApi(this.auth, {
      fetch: (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const target = url.startsWith(SDK_ROOT) ? `${options.apiBase}/${url.slice(SDK_ROOT.length)}` : url;
        return fetchWithTimeout(target, init ?? {}, options.timeoutMs);
      },
      responseValidator: validator,
      deserializer,
    });
  }

  /** Token requests so far (one per process unless it expires or a 401 forces a refresh). */
  get tokenRequests(): number {
    return this.auth.tokenRequests;
  }

  async searchTracks(query: TTextQuery, limit = 10): Promise<TTrack[]> {
    const q = buildSearchQuery(query);
    if (!q) throw new InvalidQueryError("Give a title, an artist, or both.");
    const body = await this.call(() => this.api.search(q, ["track"], undefined, clampLimit(limit)));
    return validate(body, ZSearchResponse, "search").tracks.items.map(toTrack);
  }

  async getTrack(id: string): Promise<TTrack> {
    const body = await this.call(() => this.api.tracks.get(id));
    return toTrack(validate(body, ZSpotifyTrack, "track"));
  }

  /**
   * GET /v1/tracks?ids=… for up to 50 ids: a map from each requested id to its details, or null where Spotify
   * does not know it. Ids that are not Spotify ids are refused before calling (Spotify would fail the whole batch).
   */
  async getSeveralTracks(ids: readonly string[]): Promise<Map<string, TSpotifyTrackDetails | null>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    if (unique.length > SEVERAL_TRACKS_MAX_IDS) {
      throw new InvalidQueryError(`Spotify answers at most ${SEVERAL_TRACKS_MAX_IDS} ids per call (got ${unique.length}).`);
    }
    const bad = unique.find((id) => !SPOTIFY_TRACK_ID.test(id));
    if (bad !== undefined) throw new InvalidQueryError(`Not a Spotify track id: ${JSON.stringify(bad.slice(0, 40))}.`);
    // makeRequest rather than the SDK's tracks.get(ids), which unwraps `.tracks` before we can validate the body.
    const body = await this.call(() => this.api.makeRequest<unknown>("GET", `tracks?ids=${unique.join(",")}`));
    const { tracks } = validate(body, ZSeveralTracksResponse, "several-tracks");
    if (tracks.length !== unique.length) {
      throw new ProviderFault("malformed", `several-tracks: ${tracks.length} tracks for ${unique.length} ids`);
    }
    // Spotify answers in the order asked; without a market there is no relinking, so position i is ids[i].
    return new Map(unique.map((id, i) => [id, tracks[i] ? toTrackDetails(tracks[i]) : null]));
  }

  async audioFeatures(id: string): Promise<TAudioFeatures> {
    const body = await this.call(() => this.api.tracks.audioFeatures(id));
    const parsed = validate(body, ZSpotifyAudioFeatures, "audio-features");
    return Object.fromEntries(FEATURE_NAMES.map((name) => [name, parsed[name]])) as TAudioFeatures;
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    return withRetries(request, { maxRetryAfterMs: this.options.maxRetryAfterMs, onUnauthorized: () => this.auth.removeAccessToken() });
  }
}

function clampLimit(limit: number): 1 | 10 | 50 {
  // The SDK types `limit` as 0..50; any integer in range is sent as-is.
  return Math.max(1, Math.min(50, Math.round(limit))) as 1 | 10 | 50;
}

/** A client from the resolver configuration, or null when no Spotify credentials are set. */
export function createSpotifyClient(config: TResolverConfig): SpotifyClient | null {
  if (!config.spotify) return null;
  return new SpotifyClient({
    ...config.spotify,
    apiBase: config.spotifyApiBase,
    accountsBase: config.spotifyAccountsBase,
    timeoutMs: config.timeoutMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
  });
}
