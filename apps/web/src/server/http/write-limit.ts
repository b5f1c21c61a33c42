// The per-client limit on writes (recommendations and ratings), sized from the environment.
import { webEnv } from "../env";
import { ApiError } from "./errors";
import { clientKey, createRateLimiter, type TRateLimiter } from "./rate-limit";

let limiter: TRateLimiter | undefined;

export function checkWriteLimit(request: Request): void {
  const env = webEnv();
  limiter ??= createRateLimiter({ perMinute: env.ANISONG_WRITE_RATE_PER_MINUTE, burst: env.ANISONG_WRITE_RATE_BURST });
  const outcome = limiter.take(clientKey(request));
  if (!outcome.ok) {
    throw new ApiError(429, "rate_limited", "Too many requests from this client; please wait a little and try again.", {
      headers: { "retry-after": String(outcome.retryAfterSeconds) },
    });
  }
}
