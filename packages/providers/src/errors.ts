// Typed errors callers can branch on. Messages never contain credentials.
import { AnisongError } from "@anisong/core-ml";
import type { TAttempt, TProviderName, TTrack } from "./types";

/** Every error here is expected: bad input, a song no provider knows, a provider down, a missing catalog file. */
export class SpotifyPackageError extends AnisongError {}

/** The listener's input cannot be a query: nothing to search for, or not a Spotify track reference. */
export class InvalidQueryError extends SpotifyPackageError {}

export const OFFLINE_HINT = "Not found offline. Set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET to search all of Spotify.";

/** Every provider answered, none found the song. `suggestions` are the nearest catalog tracks. */
export class SongNotFoundError extends SpotifyPackageError {
  constructor(
    message: string,
    readonly suggestions: TTrack[],
    readonly hint: string,
    readonly attempts: TAttempt[] = [],
    /** For listeners: where we looked, e.g. "We looked in Anisong's anime library and …; no online source is set up." */
    readonly tried: string = "",
  ) {
    super(message);
  }
}

/** `fault`: the provider could not answer (timeout, HTTP error…); otherwise it answered "not found". */
export type TProviderFailure = { provider: TProviderName; reason: string; fault: boolean };

/** No provider could answer (timeouts, HTTP faults, malformed responses…); one reason per provider tried. */
export class AllProvidersFailedError extends SpotifyPackageError {
  constructor(
    readonly reasons: TProviderFailure[],
    readonly suggestions: TTrack[] = [],
  ) {
    super(`No provider could resolve the song: ${reasons.map((r) => `${r.provider}: ${r.reason}`).join("; ")}`);
  }
}

export type TFaultKind = "timeout" | "network" | "credentials" | "unauthorized" | "forbidden" | "rate-limited" | "http" | "malformed";

/** One failed call to a remote provider; the resolver records it and falls through. */
export class ProviderFault extends SpotifyPackageError {
  constructor(
    readonly kind: TFaultKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The catalog file is missing or unreadable. */
export class CatalogLoadError extends SpotifyPackageError {}
