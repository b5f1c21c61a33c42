import { chooseVariant, variantPosition } from "./choose-variant";
import { VISITOR_COOKIE, visitorCookieHeader, visitorOf } from "./visitor-cookie";

const EXPERIMENT = {
  id: "0b8a6c1e-0000-4000-8000-000000000001",
  variants: [
    { name: "a", weight: 1 },
    { name: "b", weight: 3 },
  ],
};
const visitors = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

describe("chooseVariant", () => {
  it("gives a visitor the same variant every time, from a position in [0, 1)", () => {
    for (const v of visitors.slice(0, 50)) {
      expect(chooseVariant(EXPERIMENT, v)).toBe(chooseVariant(EXPERIMENT, v));
      const p = variantPosition(v, EXPERIMENT.id);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
      expect(chooseVariant(EXPERIMENT, v).name).toBe(p < 0.25 ? "a" : "b");
    }
  });

  it("splits visitors by the weights (1:3 → about a quarter in a), independently per experiment", () => {
    const share = (experiment: typeof EXPERIMENT) =>
      visitors.filter((v) => chooseVariant(experiment, v).name === "a").length / visitors.length;
    // 4000 visitors: the binomial standard deviation of the share is 0.007, so ±0.03 is over 4σ.
    expect(Math.abs(share(EXPERIMENT) - 0.25)).toBeLessThan(0.03);
    const even = {
      ...EXPERIMENT,
      variants: [
        { name: "a", weight: 1 },
        { name: "b", weight: 1 },
      ],
    };
    expect(Math.abs(share(even) - 0.5)).toBeLessThan(0.03);
    // another experiment reshuffles: its assignment is not the first one's
    const other = { ...even, id: "0b8a6c1e-0000-4000-8000-000000000002" };
    const same = visitors.filter((v) => chooseVariant(even, v).name === chooseVariant(other, v).name).length / visitors.length;
    expect(Math.abs(same - 0.5)).toBeLessThan(0.03);
  });
});

describe("the visitor cookie", () => {
  it("reads a well-formed id and makes a new random one otherwise", () => {
    const id = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
    const req = (cookie?: string) => new Request("http://127.0.0.1/", { headers: cookie ? { cookie } : {} });
    expect(visitorOf(req(`theme=dark; ${VISITOR_COOKIE}=${id}`))).toEqual({ id, isNew: false });
    const fresh = visitorOf(req());
    expect(fresh.isNew).toBe(true);
    expect(fresh.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(visitorOf(req()).id).not.toBe(fresh.id);
    expect(visitorOf(req(`${VISITOR_COOKIE}=<script>`)).isNew).toBe(true);
  });

  it("is httpOnly, SameSite=Lax and kept one year (Secure behind TLS)", () => {
    expect(visitorCookieHeader("x", { secure: false })).toBe("anisong_visitor=x; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
    expect(visitorCookieHeader("x", { secure: true })).toMatch(/; Secure$/);
  });
});
