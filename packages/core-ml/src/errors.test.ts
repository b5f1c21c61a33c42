import { AnisongError, CoreMlError, DimensionMismatchError, InvalidFeaturesError, isExpectedError } from "./errors";

describe("isExpectedError", () => {
  test("is true for Anisong errors a user can act on and false for bugs and foreign errors", () => {
    expect(isExpectedError(new InvalidFeaturesError("bad"))).toBe(true);
    expect(isExpectedError(new AnisongError("locked", { expected: true }))).toBe(true);
    expect(isExpectedError(new DimensionMismatchError(9, 8))).toBe(false);
    expect(isExpectedError(new AnisongError("oops", { expected: false }))).toBe(false);
    expect(isExpectedError(new TypeError("x is undefined"))).toBe(false);
    expect(isExpectedError({ expected: true, message: "not an Error" })).toBe(false);
    expect(isExpectedError(undefined)).toBe(false);
  });

  test("keeps the subclass name, the cause and the dimensions", () => {
    const cause = new Error("root");
    const e = new CoreMlError("wrapped", { cause });
    expect(e.name).toBe("CoreMlError");
    expect(e.cause).toBe(cause);
    const d = new DimensionMismatchError(9, 8, "row");
    expect([d.name, d.expectedDimensions, d.actualDimensions, d.message]).toEqual([
      "DimensionMismatchError",
      9,
      8,
      "row has 8 dimensions, expected 9",
    ]);
  });
});
