// The write limit shared through the real Redis on 127.0.0.1:6379 (REDIS_TEST_URL overrides), and the
// fall-back to per-instance limits when Redis cannot be reached.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createRedisWriteLimiter, type TWriteLimiter } from "../src/server/http/write-limiters";
import { freePort } from "./support/next-server";

jest.setTimeout(30_000);
const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("write limits on Redis", () => {
  const prefix = `anisong-test:${randomUUID()}`;
  const admin = new Redis(REDIS_URL);
  const limiters: TWriteLimiter[] = [];

  afterAll(async () => {
    await Promise.all(limiters.map((l) => l.close()));
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
  });

  test("two instances share one budget per client: the burst is spent across both, then both refuse", async () => {
    const a = createRedisWriteLimiter({ perMinute: 6, burst: 3, redisUrl: REDIS_URL, keyPrefix: prefix });
    const b = createRedisWriteLimiter({ perMinute: 6, burst: 3, redisUrl: REDIS_URL, keyPrefix: prefix });
    limiters.push(a, b);
    await until(() => a.mode() === "shared" && b.mode() === "shared", "both limiters to reach Redis");

    expect(await a.take("198.51.100.1")).toEqual({ ok: true });
    expect(await b.take("198.51.100.1")).toEqual({ ok: true });
    expect(await a.take("198.51.100.1")).toEqual({ ok: true });
    const refusedB = await b.take("198.51.100.1");
    const refusedA = await a.take("198.51.100.1");
    expect(refusedA.ok).toBe(false);
    expect(refusedB.ok).toBe(false);
    if (!refusedB.ok) expect(refusedB.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Another client has its own budget; the counter really lives in Redis.
    expect(await b.take("198.51.100.2")).toEqual({ ok: true });
    expect((await admin.keys(`${prefix}*`)).length).toBe(2);
  });

  test("Redis unreachable: limits fall back to this instance, one warning without the URL, writes still served", async () => {
    const warnings: string[] = [];
    const url = `redis://:s3cret-password@127.0.0.1:${await freePort()}`;
    const limiter = createRedisWriteLimiter({ perMinute: 6, burst: 2, redisUrl: url, keyPrefix: prefix, warn: (m) => warnings.push(m) });
    limiters.push(limiter);
    await until(() => warnings.length > 0, "the unreachable warning");
    expect(limiter.mode()).toBe("per-instance (redis unreachable)");

    const started = Date.now();
    expect(await limiter.take("203.0.113.5")).toEqual({ ok: true });
    expect(await limiter.take("203.0.113.5")).toEqual({ ok: true });
    expect((await limiter.take("203.0.113.5")).ok).toBe(false); // the insurance limiter still limits
    expect(Date.now() - started).toBeLessThan(2000); // no waiting for a Redis that is not there

    await new Promise((r) => setTimeout(r, 1500)); // several reconnect attempts
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis is unreachable/);
    expect(warnings.join(" ")).not.toMatch(/s3cret|redis:\/\//);
  });
});
