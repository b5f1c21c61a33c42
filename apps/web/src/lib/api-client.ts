// Browser-side calls to the API. Errors keep the server's typed body so pages can show the right state.
import type {
  TApiError,
  TInsights,
  TPickFeedbackResponse,
  TPickVote,
  TRatingResponse,
  TRecommendationResponse,
  TSearchResponse,
  TSongSort,
  TSongsPage,
  TSortOrder,
} from "./api-types";
import { recommendationRequestBody, type TRecommendationQuery } from "./recommendation-request";
import type { TRatingRequestBody } from "../server/schemas";

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: TApiError | null,
  ) {
    super(body?.error.message ?? `Request failed (${status}).`);
    this.name = "ApiClientError";
  }
  get code(): TApiError["error"]["code"] {
    return this.body?.error.code ?? (this.status === 0 ? "network" : "internal");
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiClientError(0, {
      error: { code: "network", message: "We could not reach Anisong. Check your connection and try again." },
    });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const typed = body && typeof body === "object" && "error" in body ? (body as TApiError) : null;
    throw new ApiClientError(response.status, typed);
  }
  return body as T;
}

export function fetchSongs(params: { page: number; size: number; sort: TSongSort; order: TSortOrder }): Promise<TSongsPage> {
  const qs = new URLSearchParams({ page: String(params.page), size: String(params.size), sort: params.sort, order: params.order });
  return request<TSongsPage>(`/api/songs?${qs}`);
}

export type { TRecommendationQuery };

/** One recommendation: the listener's song, and with a tune its extra seeds, "not like this" songs and targets. */
export function postRecommendation(input: Parameters<typeof recommendationRequestBody>[0]): Promise<TRecommendationResponse> {
  return request<TRecommendationResponse>("/api/recommendations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(recommendationRequestBody(input)),
  });
}

/** The best match for a title and/or artist (the Tune panel's "add a song"). */
export function searchSongs(params: { title?: string; artist?: string; limit?: number }): Promise<TSearchResponse> {
  const qs = new URLSearchParams();
  if (params.title) qs.set("title", params.title);
  if (params.artist) qs.set("artist", params.artist);
  qs.set("limit", String(params.limit ?? 1));
  return request<TSearchResponse>(`/api/search?${qs}`);
}

export function postRating({
  recommendationId,
  stars,
  comment,
}: {
  recommendationId: string;
  stars: number;
  comment: string;
}): Promise<TRatingResponse> {
  const body: TRatingRequestBody = { stars, comment: comment.trim() || undefined };
  return request<TRatingResponse>(`/api/recommendations/${encodeURIComponent(recommendationId)}/rating`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export function fetchInsights(recommendationId?: string): Promise<TInsights> {
  const qs = recommendationId ? `?${new URLSearchParams({ recommendation: recommendationId })}` : "";
  return request<TInsights>(`/api/insights${qs}`);
}

function feedbackUrl(recommendationId: string, trackId: string): string {
  return `/api/recommendations/${encodeURIComponent(recommendationId)}/items/${encodeURIComponent(trackId)}/feedback`;
}

/** Like / not-for-me on one pick (idempotent; a new vote replaces the old one). */
export function putPickFeedback(input: { recommendationId: string; trackId: string; vote: TPickVote }): Promise<TPickFeedbackResponse> {
  return request<TPickFeedbackResponse>(feedbackUrl(input.recommendationId, input.trackId), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ vote: input.vote }),
  });
}

/** Takes a pick's vote back. */
export function clearPickFeedback(input: { recommendationId: string; trackId: string }): Promise<TPickFeedbackResponse> {
  return request<TPickFeedbackResponse>(feedbackUrl(input.recommendationId, input.trackId), { method: "DELETE" });
}
