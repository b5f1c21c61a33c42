import { clientKey, createRateLimiter } from "./rate-limit";

describe("createRateLimiter", () => {
  test("allows a burst, then refills at the sustained rate", () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 2 });
    const t0 = 1_000_000;
    expect(limiter.take("a", t0).ok).toBe(true);
    expect(limiter.take("a", t0).ok).toBe(true);
    const denied = limiter.take("a", t0);
    expect(denied).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("a", t0 + 1000).ok).toBe(true); // one token per second
    expect(limiter.take("b", t0).ok).toBe(true);
  });

  test("forgets the oldest clients past maxKeys", () => {
    const limiter = createRateLimiter({ perMinute: 1, burst: 1, maxKeys: 2 });
    expect(limiter.take("a", 0).ok).toBe(true);
    expect(limiter.take("b", 0).ok).toBe(true);
    expect(limiter.take("c", 0).ok).toBe(true); // evicts "a"
    expect(limiter.take("a", 0).ok).toBe(true);
    expect(limiter.take("c", 0).ok).toBe(false);
  });
});

describe("clientKey", () => {
  const req = (headers: Record<string, string>) => new Request("http://127.0.0.1/", { headers });
  test("takes the right-most forwarded address (the one the nearest proxy added)", () => {
    expect(clientKey(req({ "x-forwarded-for": "10.0.0.1, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientKey(req({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientKey(req({}))).toBe("unknown");
  });
});
