import { InvalidKindError, parseKinds, selectKinds } from "./kind-selection";

const songs = [
  { id: "a", kind: "original" as const },
  { id: "b", kind: "soundtrack" as const },
  { id: "c", kind: "cover" as const },
];

describe("kind selection", () => {
  it("defaults to original + soundtrack: covers are opt-in", () => {
    expect(parseKinds(undefined)).toEqual(["original", "soundtrack"]);
    expect(parseKinds([])).toEqual(["original", "soundtrack"]);
    expect(selectKinds(songs).map((s) => s.id)).toEqual(["a", "b"]);
  });

  it("gives exactly the chosen kinds", () => {
    expect(parseKinds(["cover", "original"])).toEqual(["original", "cover"]);
    expect(selectKinds(songs, parseKinds(["cover"])).map((s) => s.id)).toEqual(["c"]);
  });

  it("rejects unknown kinds with a clear error", () => {
    expect(() => parseKinds(["original", "karaoke"])).toThrow(InvalidKindError);
    expect(() => parseKinds(["karaoke"])).toThrow(/unknown song kind\(s\) "karaoke": expected original, soundtrack, cover/);
  });
});
