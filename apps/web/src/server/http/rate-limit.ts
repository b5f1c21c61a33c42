// A small in-memory token bucket per client. One process, one map: enough for a single `next start`;
// several instances share their limits through Redis instead (write-limit.ts).
import { webEnv } from "../env";
import { clientAddressFromChain, type TTrustedProxies } from "./trusted-proxies";

export type TRateLimiter = { take(key: string, now?: number): { ok: true } | { ok: false; retryAfterSeconds: number } };

export function createRateLimiter(opts: { perMinute: number; burst: number; maxKeys?: number }): TRateLimiter {
  const refillPerMs = opts.perMinute / 60_000;
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    take(key, now = Date.now()) {
      let bucket = buckets.get(key);
      if (!bucket) {
        // Forget the oldest clients first so the map cannot grow without bound.
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
        bucket = { tokens: opts.burst, at: now };
      } else {
        buckets.delete(key);
        bucket.tokens = Math.min(opts.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
        bucket.at = now;
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };
}

/**
 * The client's address: the X-Forwarded-For chain (which ends with the socket's peer, see
 * forward-peer-address.ts) walked from the right past the proxies ANISONG_TRUSTED_PROXIES trusts.
 */
export function clientKey(request: Request, trust: TTrustedProxies = webEnv().ANISONG_TRUSTED_PROXIES): string {
  return clientAddressFromChain(request.headers.get("x-forwarded-for"), trust) ?? "unknown";
}
