// Two implementations of the write limit behind one interface. In memory: the token bucket of
// rate-limit.ts. Shared: rate-limiter-flexible on Redis, a window of `burst` writes every
// burst/perMinute minutes (the same sustained rate; a client may spend two bursts across a window's
// edge). If Redis stops answering, each instance falls back to its own in-memory limit (the library's
// insurance limiter), warns once, and /api/health reports it; the app keeps serving.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { createRateLimiter } from "./rate-limit";

export type TLimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };
export type TLimitMode = "per-instance" | "shared" | "per-instance (redis unreachable)";

export type TWriteLimiter = {
  take(key: string): Promise<TLimitOutcome>;
  mode(): TLimitMode;
  close(): Promise<void>;
};

export type TRate = { perMinute: number; burst: number };

export function createMemoryWriteLimiter(rate: TRate): TWriteLimiter {
  const bucket = createRateLimiter(rate);
  return { take: async (key) => bucket.take(key), mode: () => "per-instance", close: async () => undefined };
}

export function createRedisWriteLimiter(
  opts: TRate & { redisUrl: string; keyPrefix?: string; warn?: (message: string) => void },
): TWriteLimiter {
  const warn = opts.warn ?? ((message: string) => console.warn(`[anisong/web] ${message}`));
  // No offline queue and no retries per command: while Redis is away a write must not wait for it.
  const client = new Redis(opts.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    disconnectTimeout: 200,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let warned = false;
  // ioredis reports connection errors as events; never log the URL (it may hold a password).
  client.on("error", () => {
    if (!warned) warnOnce();
  });
  client.on("ready", () => (warned = false));
  const warnOnce = () => {
    warned = true;
    warn("Redis is unreachable: write limits are per instance until it answers again.");
  };

  const duration = Math.max(1, Math.round((opts.burst * 60) / opts.perMinute));
  const insurance = new RateLimiterMemory({ points: opts.burst, duration });
  const shared = new RateLimiterRedis({
    storeClient: client,
    keyPrefix: opts.keyPrefix ?? "anisong:write",
    points: opts.burst,
    duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance,
  });

  return {
    async take(key) {
      try {
        await shared.consume(key, 1);
        return { ok: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection; // the insurance limiter itself failed: a real bug, let it be a 500
      }
    },
    mode: () => (client.status === "ready" ? "shared" : "per-instance (redis unreachable)"),
    async close() {
      client.disconnect();
    },
  };
}
