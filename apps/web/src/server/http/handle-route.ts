// Wraps every route handler: known failures become typed JSON errors with the right status, anything
// unexpected becomes a 500 without a stack trace (the stack goes to the server log only).
import { z } from "zod";
import { AllProvidersFailedError, InvalidQueryError, providerLabel, SongNotFoundError } from "@anisong/providers";
import { CoreMlError } from "@anisong/core-ml";
import { ApiError } from "./errors";
import { toDatabaseApiError } from "./database-errors";
import { toTrackSummary } from "../songs/track-summary";
import { onePerSong, trackSongKey } from "../songs/one-per-song";

type THandler<C> = (request: Request, context: C) => Promise<Response>;

export function handleRoute<C>(handler: THandler<C>): THandler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return jsonText(JSON.stringify(body), init);
}

/** `text`: a body already serialised as JSON. */
export function jsonText(text: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(text, { ...init, headers });
}

export function errorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  logIfUnexpected(apiError, error);
  return json(apiError.toBody(), { status: apiError.status, headers: apiError.extra.headers });
}

/** An error none of the known kinds explains goes to the server log with its stack (never to the client). */
export function logIfUnexpected(apiError: ApiError, error: unknown): void {
  if (apiError.status >= 500 && apiError.code === "internal") console.error("[anisong/web] unexpected error:", error);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message }));
    // The message names the field and what it allows, e.g. "title: at most 200 characters".
    const first = issues[0];
    const message = first
      ? first.path === "(root)"
        ? first.message
        : `${first.path}: ${first.message}`
      : "Some of the input is not valid.";
    return new ApiError(400, "bad_request", message, { issues });
  }
  if (error instanceof SongNotFoundError) {
    // `tried` is the listener's sentence (where we looked); the resolver's `hint` names settings, for the operator's log only.
    return new ApiError(404, "song_not_found", error.message || "We could not find that song.", {
      details: {
        hint: error.tried || "Check the spelling, or paste the song's Spotify link.",
        suggestions: onePerSong(error.suggestions, trackSongKey).slice(0, 10).map(toTrackSummary),
      },
    });
  }
  if (error instanceof InvalidQueryError) {
    return new ApiError(400, "bad_request", error.message || "Give a title, an artist or a Spotify link.");
  }
  if (error instanceof AllProvidersFailedError) {
    // Only a real fault of a source reaches here (a miss everywhere is a SongNotFoundError): name the ones that failed.
    const down = [...new Set(error.reasons.filter((r) => r.fault).map((r) => providerLabel(r.provider)))];
    const message =
      down.length > 0
        ? `We could not reach ${down.join(" or ")} to find this song. Please try again later.`
        : "We could not get this song's audio features right now. Please try again later.";
    return new ApiError(503, "providers_unavailable", message, {
      details: { reasons: error.reasons, suggestions: onePerSong(error.suggestions, trackSongKey).slice(0, 10).map(toTrackSummary) },
    });
  }
  if (error instanceof CoreMlError) {
    // The song's features or the model are unusable together (e.g. invalid features from a provider).
    return new ApiError(422, "bad_request", `We cannot place this song in the model: ${error.message}`);
  }
  const databaseError = toDatabaseApiError(error);
  if (databaseError) return databaseError;
  return new ApiError(500, "internal", "Something went wrong on our side. Please try again.");
}
