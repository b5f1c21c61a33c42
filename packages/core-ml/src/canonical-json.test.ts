import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: "x" } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: { y: 2, x: 1 } })).toBe(canonicalJson({ b: { x: 1, y: 2 }, a: 1 }));
  });

  it("drops undefined members like JSON.stringify and round-trips numbers exactly", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    const x = 0.1 + 0.2;
    expect(JSON.parse(canonicalJson([x]))[0]).toBe(x);
  });
});
