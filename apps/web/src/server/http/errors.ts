// Typed API errors: every failure leaves a route handler as { error: { code, message, … } } JSON.
export type TApiErrorCode =
  | "bad_request"
  | "not_found"
  | "forbidden"
  | "song_not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "providers_unavailable"
  | "database_unavailable"
  | "model_unavailable"
  | "method_not_allowed"
  | "internal";

export type TApiErrorBody = {
  error: { code: TApiErrorCode; message: string; issues?: { path: string; message: string }[]; details?: unknown };
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: TApiErrorCode,
    message: string,
    readonly extra: { issues?: { path: string; message: string }[]; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): TApiErrorBody {
    const { issues, details } = this.extra;
    return {
      error: { code: this.code, message: this.message, ...(issues ? { issues } : {}), ...(details !== undefined ? { details } : {}) },
    };
  }
}

/** No active model in the database: the pipeline has not run (or published) yet. */
export class ModelUnavailableError extends ApiError {
  constructor() {
    super(503, "model_unavailable", "No recommendation model is active yet. Run `pnpm run pipeline all` to train and publish one.");
  }
}
