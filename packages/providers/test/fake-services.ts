// Loopback stand-ins for Spotify (accounts + Web API) and ReccoBeats that answer in the real services'
// response shapes, with scriptable faults. The package's real SDK and HTTP code talk to them over TCP.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TFault = { status: number; body?: string; headers?: Record<string, string> } | { delayMs: number } | { malformed: true };

export type TFixtureTrack = {
  id: string;
  name: string;
  artists: string[];
  album: string;
  releaseDate: string;
  popularity: number;
  /** The nine features (+ key/mode for realism); null: the service has none for this track. */
  features: Record<string, number> | null;
};

export type TRequestLog = { method: string; path: string; query: URLSearchParams; authorization?: string; body: string };

export abstract class FakeService {
  protected server = http.createServer((req, res) => void this.dispatch(req, res));
  readonly requests: TRequestLog[] = [];
  /** Faults consumed one per request, per route name (FIFO). */
  private readonly faults = new Map<string, TFault[]>();
  /** Faults returned on every request to a route until cleared. */
  private readonly stuck = new Map<string, TFault>();
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(route: string, ...faults: TFault[]): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
  }

  failAlways(route: string, fault: TFault | null): void {
    if (fault) this.stuck.set(route, fault);
    else this.stuck.delete(route);
  }

  count(route: string): number {
    return this.requests.filter((r) => this.routeOf(r.method, r.path) === route).length;
  }

  protected abstract routeOf(method: string, path: string): string;
  protected abstract handle(route: string, log: TRequestLog, res: http.ServerResponse): void;

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const log: TRequestLog = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
    };
    this.requests.push(log);
    const route = this.routeOf(log.method, log.path);
    const fault = this.faults.get(route)?.shift() ?? this.stuck.get(route);
    if (fault) {
      if ("delayMs" in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      else if ("malformed" in fault) return void send(res, 200, '{"tracks": {"items": [', { "Content-Type": "application/json" });
      else
        return void send(res, fault.status, fault.body ?? JSON.stringify({ error: { status: fault.status, message: "fault" } }), {
          "Content-Type": "application/json",
          ...fault.headers,
        });
      if (res.destroyed) return;
    }
    this.handle(route, log, res);
  }
}

export function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, headers).end(body);
}

export const json = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), { "Content-Type": "application/json" });

export class FakeSpotify extends FakeService {
  private readonly tokens = new Set<string>();
  private issued = 0;

  constructor(
    readonly tracks: TFixtureTrack[],
    readonly credentials = { clientId: "test-client-id", clientSecret: "test-client-secret-do-not-log" },
  ) {
    super();
  }

  /** Invalidates every issued token (the next API call answers 401 as Spotify does for an expired one). */
  expireTokens(): void {
    this.tokens.clear();
  }

  protected routeOf(method: string, path: string): string {
    if (method === "POST" && path === "/api/token") return "token";
    if (path === "/v1/search") return "search";
    if (path.startsWith("/v1/audio-features")) return "audio-features";
    if (path.startsWith("/v1/tracks/")) return "track";
    if (path === "/v1/tracks") return "several-tracks";
    return "unknown";
  }

  protected handle(route: string, log: TRequestLog, res: http.ServerResponse): void {
    if (route === "token") return this.token(log, res);
    const token = /^Bearer (.+)$/.exec(log.authorization ?? "")?.[1];
    if (!token || !this.tokens.has(token)) return json(res, 401, { error: { status: 401, message: "The access token expired" } });
    if (route === "search") return this.search(log, res);
    if (route === "several-tracks") return this.severalTracks(log, res);
    const id = log.path.split("/").pop() ?? "";
    const track = this.tracks.find((t) => t.id === id);
    if (route === "track")
      return track ? json(res, 200, this.trackJson(track)) : json(res, 404, { error: { status: 404, message: "Non existing id" } });
    if (route === "audio-features") {
      if (!track?.features) return json(res, 404, { error: { status: 404, message: "analysis not found" } });
      return json(res, 200, {
        ...track.features,
        type: "audio_features",
        id,
        uri: `spotify:track:${id}`,
        track_href: `https://api.spotify.com/v1/tracks/${id}`,
        analysis_url: `https://api.spotify.com/v1/audio-analysis/${id}`,
        duration_ms: 203064,
        time_signature: 4,
      });
    }
    json(res, 404, { error: { status: 404, message: "Service not found" } });
  }

  private token(log: TRequestLog, res: http.ServerResponse): void {
    const expected = `Basic ${Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString("base64")}`;
    const form = new URLSearchParams(log.body);
    if (form.get("grant_type") !== "client_credentials") return json(res, 400, { error: "unsupported_grant_type" });
    if (log.authorization !== expected) return json(res, 400, { error: "invalid_client", error_description: "Invalid client" });
    const token = `BQ-fake-token-${++this.issued}`;
    this.tokens.add(token);
    json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
  }

  /** GET /v1/tracks?ids=a,b,…: at most 50 ids; unknown ids answer null in their place, as Spotify does. */
  private severalTracks(log: TRequestLog, res: http.ServerResponse): void {
    const ids = (log.query.get("ids") ?? "").split(",").filter(Boolean);
    if (ids.length === 0 || ids.length > 50) return json(res, 400, { error: { status: 400, message: "Invalid limit" } });
    if (ids.some((id) => !/^[0-9A-Za-z]{22}$/.test(id))) return json(res, 400, { error: { status: 400, message: "invalid id" } });
    json(res, 200, {
      tracks: ids.map((id) => {
        const track = this.tracks.find((t) => t.id === id);
        return track ? this.trackJson(track) : null;
      }),
    });
  }

  /** Spotify's field filters, as the package sends them: track:"…" artist:"…" (either alone). */
  private search(log: TRequestLog, res: http.ServerResponse): void {
    const q = log.query.get("q") ?? "";
    const limit = Number(log.query.get("limit") ?? 20);
    if (log.query.get("type") !== "track" || !q) return json(res, 400, { error: { status: 400, message: "No search query" } });
    const title = /track:"([^"]*)"/.exec(q)?.[1]?.toLowerCase();
    const artist = /artist:"([^"]*)"/.exec(q)?.[1]?.toLowerCase();
    const items = this.tracks
      .filter(
        (t) => (!title || t.name.toLowerCase().includes(title)) && (!artist || t.artists.some((a) => a.toLowerCase().includes(artist))),
      )
      .slice(0, limit)
      .map((t) => this.trackJson(t));
    const href = `https://api.spotify.com/v1/search?query=${encodeURIComponent(q)}&type=track&offset=0&limit=${limit}`;
    json(res, 200, { tracks: { href, items, limit, next: null, offset: 0, previous: null, total: items.length } });
  }

  private trackJson(t: TFixtureTrack) {
    const artists = t.artists.map((name, i) => ({
      external_urls: { spotify: `https://open.spotify.com/artist/fixtureartist${String(i).padStart(8, "0")}` },
      href: "https://api.spotify.com/v1/artists/fixture",
      id: `fixtureartist${String(i).padStart(9, "0")}`,
      name,
      type: "artist",
      uri: "spotify:artist:fixture",
    }));
    return {
      album: {
        album_type: "album",
        artists,
        external_urls: { spotify: "https://open.spotify.com/album/fixture" },
        href: "https://api.spotify.com/v1/albums/fixture",
        id: "fixturealbum0000000000",
        images: [
          { height: 640, url: `https://i.scdn.co/image/ab67616d0000b273${t.id}`, width: 640 },
          { height: 300, url: `https://i.scdn.co/image/ab67616d00001e02${t.id}`, width: 300 },
        ],
        name: t.album,
        release_date: t.releaseDate,
        release_date_precision: t.releaseDate.length === 4 ? "year" : t.releaseDate.length === 7 ? "month" : "day",
        total_tracks: 12,
        type: "album",
        uri: "spotify:album:fixture",
      },
      artists,
      disc_number: 1,
      duration_ms: 203064,
      explicit: false,
      external_ids: { isrc: "GBAHT0000000" },
      external_urls: { spotify: `https://open.spotify.com/track/${t.id}` },
      href: `https://api.spotify.com/v1/tracks/${t.id}`,
      id: t.id,
      is_local: false,
      name: t.name,
      popularity: t.popularity,
      preview_url: null,
      track_number: 1,
      type: "track",
      uri: `spotify:track:${t.id}`,
    };
  }
}

export class FakeReccoBeats extends FakeService {
  constructor(readonly tracks: TFixtureTrack[]) {
    super();
  }

  protected routeOf(_method: string, path: string): string {
    if (path === "/v1/audio-features") return "audio-features";
    if (path === "/v1/track") return "track";
    return "unknown";
  }

  protected handle(route: string, log: TRequestLog, res: http.ServerResponse): void {
    const ids = (log.query.get("ids") ?? "").split(",").filter(Boolean);
    const known = this.tracks.filter((t) => ids.includes(t.id));
    // ReccoBeats answers with its own UUIDs; `href` carries the Spotify link.
    const uuid = (t: TFixtureTrack) => `${t.id.slice(0, 8)}-0000-4000-8000-${t.id.slice(8, 20).padEnd(12, "0")}`.toLowerCase();
    if (route === "audio-features") {
      return json(res, 200, {
        content: known
          .filter((t) => t.features)
          .map((t) => ({ id: uuid(t), href: `https://open.spotify.com/track/${t.id}`, ...t.features })),
      });
    }
    if (route === "track") {
      return json(res, 200, {
        content: known.map((t) => ({
          id: uuid(t),
          trackTitle: t.name,
          artists: t.artists.map((name) => ({
            id: "a0000000-0000-4000-8000-000000000000",
            name,
            href: "https://open.spotify.com/artist/fixture",
          })),
          durationMs: 203064,
          isrc: "GBAHT0000000",
          ean: null,
          upc: null,
          href: `https://open.spotify.com/track/${t.id}`,
          availableCountries: "JP,US",
          popularity: t.popularity,
        })),
      });
    }
    json(res, 404, { timestamp: new Date().toISOString(), error: "Not Found", message: "No static resource", path: log.path });
  }
}

/** Fixture tracks. Levitating's id and features are the real ones (seed sample); the others are made up. */
export const LEVITATING: TFixtureTrack = {
  id: "5nujrmhLynf4yMoMtj8AQF",
  name: "Levitating (feat. DaBaby)",
  artists: ["Dua Lipa", "DaBaby"],
  album: "Future Nostalgia",
  releaseDate: "2020-03-27",
  popularity: 85,
  features: {
    danceability: 0.702,
    energy: 0.825,
    key: 6,
    loudness: -3.787,
    mode: 0,
    speechiness: 0.0601,
    acousticness: 0.00883,
    instrumentalness: 0,
    liveness: 0.0674,
    valence: 0.915,
    tempo: 102.977,
  },
};

export const CITY_OF_STARS: TFixtureTrack = {
  id: "FixtureCityOfStars0001",
  name: "City of Stars",
  artists: ["Ryan Gosling", "Emma Stone"],
  album: "La La Land (Original Motion Picture Soundtrack)",
  releaseDate: "2016-12-09",
  popularity: 70,
  features: {
    danceability: 0.35,
    energy: 0.2,
    key: 5,
    loudness: -14.5,
    mode: 1,
    speechiness: 0.04,
    acousticness: 0.9,
    instrumentalness: 0.001,
    liveness: 0.1,
    valence: 0.3,
    tempo: 104.5,
  },
};

export const NO_FEATURES: TFixtureTrack = {
  id: "FixtureNoFeatures00001",
  name: "Unanalysed Song",
  artists: ["Nobody Yet"],
  album: "Unreleased",
  releaseDate: "2026",
  popularity: 1,
  features: null,
};
