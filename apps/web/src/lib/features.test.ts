import { artistsText, formatFeature, langOf, normaliseFeature } from "./features";

test("langOf marks kana and kanji as Japanese, and nothing else", () => {
  expect(langOf("怪物")).toBe("ja");
  expect(langOf("カワキヲアメク")).toBe("ja");
  expect(langOf("裸の勇者 (TV size)")).toBe("ja");
  expect(langOf("LOST IN PARADISE")).toBeUndefined();
  expect(langOf("")).toBeUndefined();
});

test("features are mapped onto 0–1 for the bars and printed in their units", () => {
  expect(normaliseFeature("energy", 0.82)).toBeCloseTo(0.82, 10);
  expect(normaliseFeature("loudness", -60)).toBe(0);
  expect(normaliseFeature("loudness", 2)).toBe(1);
  expect(normaliseFeature("tempo", 130)).toBeCloseTo(0.5, 10);
  expect(formatFeature("loudness", -3.787)).toBe("-3.8 dB");
  expect(formatFeature("tempo", 102.977)).toBe("103 BPM");
  expect(formatFeature("valence", 0.915)).toBe("0.92");
  expect(artistsText([])).toBe("Unknown artist");
  expect(artistsText(["Dua Lipa", "DaBaby"])).toBe("Dua Lipa, DaBaby");
});
