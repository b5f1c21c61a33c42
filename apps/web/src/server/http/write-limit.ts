// The per-client limit on writes (recommendations and ratings), sized from the environment: in this
// process by default, shared by every instance through Redis when REDIS_URL is set.
import { webEnv } from "../env";
import { processWide } from "../process-wide";
import { ApiError } from "./errors";
import { clientKey } from "./rate-limit";
import { createMemoryWriteLimiter, createRedisWriteLimiter, type TLimitMode, type TWriteLimiter } from "./write-limiters";

// One per process (process-wide.ts): the API and /results run from different copies of this module, and a client
// has one budget for both.
function currentLimiter(): TWriteLimiter {
  return processWide("write-limiter", () => {
    const env = webEnv();
    const rate = { perMinute: env.ANISONG_WRITE_RATE_PER_MINUTE, burst: env.ANISONG_WRITE_RATE_BURST };
    return env.REDIS_URL ? createRedisWriteLimiter({ ...rate, redisUrl: env.REDIS_URL }) : createMemoryWriteLimiter(rate);
  });
}

export async function checkWriteLimit(request: Request): Promise<void> {
  const outcome = await currentLimiter().take(clientKey(request));
  if (!outcome.ok) {
    throw new ApiError(429, "rate_limited", "Too many requests from this client; please wait a little and try again.", {
      headers: { "retry-after": String(outcome.retryAfterSeconds) },
    });
  }
}

/** For /api/health: whether the limits are shared across instances right now. */
export function writeLimitMode(): TLimitMode {
  return currentLimiter().mode();
}
