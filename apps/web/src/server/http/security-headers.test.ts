import { contentSecurityPolicy, newNonce } from "./security-headers";
import { hasMalformedPercentEncoding } from "./path-encoding";
import { allowedMethods } from "./api-routes";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("contentSecurityPolicy", () => {
  test("scripts by nonce and from the site, fetches to the site, frames only from the Spotify embed", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123", dev: false, tls: false }));
    expect(d["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(d["connect-src"]).toBe("'self'");
    expect(d["frame-src"]).toBe("https://open.spotify.com");
    expect(d["frame-ancestors"]).toBe("'none'");
    expect(d["object-src"]).toBe("'none'");
    expect(d["upgrade-insecure-requests"]).toBeUndefined();
    expect(contentSecurityPolicy({ nonce: "n", dev: false, tls: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", dev: true, tls: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", dev: false, tls: false })).not.toContain("unsafe-eval");
  });

  test("nonces are 128 random bits, fresh every time", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const nonce of seen) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("hasMalformedPercentEncoding", () => {
  test.each(["/api/recommendations/%zz/rating", "/api/x/%", "/api/%E0%A4%A", "/api/%ed%a0%80"])("%s is malformed", (p) =>
    expect(hasMalformedPercentEncoding(p)).toBe(true),
  );
  test.each(["/api/recommendations/abc/rating", "/api/songs", "/api/%20x", "/api/%E6%80%AA"])("%s is fine", (p) =>
    expect(hasMalformedPercentEncoding(p)).toBe(false),
  );
});

describe("allowedMethods", () => {
  test("every API route has its list; other paths have none", () => {
    expect(allowedMethods("/api/songs")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/health")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/recommendations")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/recommendations/abc/rating")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/recommendations/abc/items/def/feedback")).toEqual(["PUT", "DELETE", "OPTIONS"]);
    expect(allowedMethods("/api/nope")).toBeUndefined();
    expect(allowedMethods("/results")).toBeUndefined();
  });
});
