// JSON shapes of the web API, shared by route handlers and the browser code. Types only: importing
// this file pulls no server module into the client bundle (the server imports below are `import type`).
import type { TAudioFeatures, TFeatureName } from "@anisong/core-ml";
import type { TProviderName } from "@anisong/providers";
import type { TRecommendationOptions, TStoredSeed } from "@anisong/db";
import type { TApiErrorBody, TApiErrorCode } from "../server/http/errors";
import type { TSongsQuery, TSteerFeature, TTargetStep } from "../server/schemas";

export type { TAudioFeatures, TFeatureName, TSteerFeature, TTargetStep };
/** The steering as stored and echoed: seeds and "not like this" songs as resolved (with their features). */
export type TSteeringOptions = TRecommendationOptions;
export type TSeedSong = TStoredSeed;

export type TTrackSummary = {
  id: string;
  title: string;
  artists: string[];
  album: string | null;
  year: number | null;
  spotifyUrl: string;
};

/** The server's SONG_SORTS, through the zod-inferred query type. */
export type TSongSort = TSongsQuery["sort"];
export type TSortOrder = TSongsQuery["order"];

export type TSongRow = {
  id: string;
  title: string;
  artists: string[];
  album: string | null;
  popularity: number | null;
  cluster: { index: number; label: string };
  features: TAudioFeatures;
  spotifyUrl: string;
};

export type TSongsPage = {
  items: TSongRow[];
  page: number;
  size: number;
  total: number;
  totalPages: number;
  sort: TSongSort;
  order: TSortOrder;
  modelVersion: string;
};

export type TSearchResponse = { candidates: TTrackSummary[] };

export type TRecommendationItem = {
  rank: number;
  trackId: string;
  title: string;
  artists: string[];
  album: string | null;
  similarity: number;
  /** cosine to each of options.seeds, in their order (empty on recommendations made before steering) */
  seedSimilarities: number[];
  cluster: { index: number; label: string };
  features: TAudioFeatures;
  spotifyUrl: string;
  /** the library's kind ("original" | "soundtrack" | "cover") and the anime it is from, when known */
  kind: string;
  animeTitle: string | null;
  /** the listener's like / not-for-me on this pick (a stored recommendation; a new one has none yet) */
  vote?: TPickVote | null;
};

export type TPickVote = "like" | "dislike";

/** PUT/DELETE /api/recommendations/{id}/items/{songId}/feedback: the pick's vote now (null: cleared). */
export type TPickFeedbackResponse = { recommendationId: string; trackId: string; vote: TPickVote | null };

export type TRecommendationResponse = {
  id: string;
  createdAt: string;
  modelVersion: string;
  query: {
    track: TTrackSummary;
    features: TAudioFeatures;
    /** Who supplied the features: a name from the providers registry. */
    source: TProviderName;
    /** Its listener-facing label, from the registry (so the client bundle needs no provider code). */
    sourceLabel: string;
    attempts: { provider: string; outcome: string }[];
    /** How the song was identified; "artist-only": the artist's best-ranked song was used (say which). */
    matchedBy: "exact" | "confident" | "artist-only" | "id";
    /** Plausible alternatives: other versions of the song, same-title songs, or (artist-only) the artist's other songs. */
    candidates: TTrackSummary[];
    /** Several different songs match the typed title equally: the listener should pick. */
    ambiguous: boolean;
    /** What the listener typed, as stored (present on a stored recommendation). */
    asked?: { title: string | null; artist: string | null; trackId: string | null };
  };
  cluster: { index: number; label: string; size: number };
  featureNames: TFeatureName[];
  /** The song kinds the items were chosen from. */
  kinds: string[];
  /** The normalised steering (for a recommendation stored before steering: its one song and the defaults). */
  options: TSteeringOptions;
  /** How far the targets moved the query point, per feature in scaled units (only on the POST's answer). */
  shifts?: Partial<Record<TSteerFeature, number>>;
  items: TRecommendationItem[];
  /** the experiment variant that chose the model, when an experiment was running */
  experiment?: { id: string; variant: string } | null;
  /** whether listeners' votes adjusted the ranking */
  feedbackSignal?: boolean;
};

export type TRatingResponse = { id: string; recommendationId: string; stars: number; comment: string | null; createdAt: string };

/** GET /api/recommendations/{id}: the stored list in the POST's shape, and its rating if one was given. */
export type TStoredRecommendationResponse = TRecommendationResponse & { rating: TRatingResponse | null };

export type TMapPoint = { x: number; y: number; cluster: number; title: string };

export type TClusterMap = {
  modelVersion: string;
  /** Share of the scaled features' variance each axis explains. */
  explained: [number, number];
  points: TMapPoint[];
  clusters: { index: number; label: string; size: number; x: number; y: number }[];
  query: { x: number; y: number; title: string; artists: string[]; cluster: number } | null;
};

export type TRatingStats = { count: number; average: number | null };

export type TInsights = {
  ratings: TRatingStats;
  byModel: (TRatingStats & { modelVersion: string; active: boolean; createdAt: string })[];
  byCluster: (TRatingStats & { index: number; label: string; size: number })[];
  recommendations: number;
  /** The newest comments (at most 20), newest first. */
  comments: TRecentComment[];
  map: TClusterMap;
};

export type TRecentComment = { recommendationId: string; stars: number; comment: string; query: string; createdAt: string };

export type THealth = {
  status: "ok" | "degraded";
  /** thread: where embedded PGlite runs (its own worker thread by default), absent for PostgreSQL */
  database: { ok: boolean; kind: "pglite" | "postgres"; thread?: "worker" | "main"; error?: string };
  model: { ok: boolean; version: string | null; k: number | null; songs: number | null; error?: string };
  /** Whether write limits are shared across instances (Redis) or kept in this process. */
  rateLimits: "per-instance" | "shared" | "per-instance (redis unreachable)";
};

/**
 * The server's error body (TApiErrorBody). The client adds "network" for a request that never got an answer, and
 * reads the details a song_not_found / providers_unavailable error carries.
 */
export type TApiError = {
  error: Omit<TApiErrorBody["error"], "code" | "details"> & {
    code: TApiErrorCode | "network";
    details?: { hint?: string; suggestions?: TTrackSummary[]; reasons?: unknown };
  };
};

/** What the /results page brings from the server: the recommendation it created, or the API's error for it. */
export type TPageRecommendation = { data: TRecommendationResponse } | { error: { status: number; body: TApiError } };
