import { coreTitle, grams, normalizeText, sortedTokens } from "../src/text/normalize";
import { artistSimilarity, editDistance, osaDistance, textSimilarity, titleSimilarity } from "../src/catalog/match-score";

describe("normalizeText", () => {
  it("folds case, full-width Latin and punctuation", () => {
    expect(normalizeText("ＬｉＳＡ")).toBe("lisa");
    expect(normalizeText("  Levitating (feat. DaBaby)!! ")).toBe("levitating feat dababy");
    expect(normalizeText("Don't Stop Me Now")).toBe("dont stop me now");
  });

  it("strips accents from Latin letters", () => {
    expect(normalizeText("Beyoncé")).toBe("beyonce");
    expect(normalizeText("Ñandú Über Crème Brûlée")).toBe("nandu uber creme brulee");
    expect(normalizeText("Tiếng Việt")).toBe("tieng viet");
  });

  it("keeps kana dakuten and handakuten (が is not か)", () => {
    expect(normalizeText("がぱ")).toBe("がぱ");
    expect(normalizeText("が")).not.toBe(normalizeText("か"));
    expect(normalizeText("ガ")).toBe("が");
  });

  it("folds half-width and full-width katakana to hiragana", () => {
    expect(normalizeText("ｼﾙｴｯﾄ")).toBe("しるえっと");
    expect(normalizeText("シルエット")).toBe("しるえっと");
    expect(normalizeText("ｶﾞ")).toBe("が"); // half-width voiced mark composes
  });

  it("keeps kanji and Hangul as written", () => {
    expect(normalizeText("紅蓮華")).toBe("紅蓮華");
    expect(normalizeText("사랑해")).toBe("사랑해");
  });
});

describe("coreTitle", () => {
  it.each([
    ["Levitating (feat. DaBaby)", "levitating"],
    ["Bohemian Rhapsody - Remastered 2011", "bohemian rhapsody"],
    ["Kaikai Kitan [TV Size]", "kaikai kitan"],
    ["紅蓮華（TV ver.）", "紅蓮華"],
    ["Stay ft. Justin Bieber", "stay"],
    ["(What's The Story) Morning Glory?", "morning glory"],
    ["(untitled)", "untitled"],
  ])("%s → %s", (title, core) => {
    expect(coreTitle(title)).toBe(core);
  });
});

describe("grams", () => {
  it("makes padded trigrams for words and bigrams for CJK runs", () => {
    expect(grams("abc")).toEqual([" ab", "abc", "bc "]);
    expect(grams("炎")).toEqual([" 炎", "炎 "]);
    expect(grams("紅蓮華")).toEqual([" 紅", "紅蓮", "蓮華", "華 "]);
    expect(grams("fly 炎x").sort()).toEqual([" fl", "fly", "ly ", " 炎", "炎 ", " x "].sort());
  });
});

describe("similarity", () => {
  it("scores identical text 1 and tolerates small typos", () => {
    expect(textSimilarity("levitating", "levitating")).toBe(1);
    expect(textSimilarity("levitatng", "levitating")).toBeCloseTo(0.9, 5);
    expect(textSimilarity("levitating", "hesitating")).toBeLessThan(0.85);
  });

  it("counts a swapped pair of letters as one edit", () => {
    expect(osaDistance("thirller", "thriller")).toBe(1);
    expect(osaDistance("ca", "abc")).toBe(3); // OSA, not unrestricted Damerau (2)
    expect(osaDistance("", "abc")).toBe(3);
    expect(osaDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("thirller", "thriller")).toBe(1);
    expect(editDistance("abcdefgh", "zyxwvuts")).toBe(8);
    expect(textSimilarity("thirller", "thriller")).toBeCloseTo(0.875, 5);
  });

  it("tolerates word order", () => {
    expect(sortedTokens("stars of city")).toBe("city of stars");
    expect(textSimilarity("kitan kaikai", "kaikai kitan")).toBeGreaterThan(0.95);
  });

  it("penalises missing words on either side", () => {
    expect(textSimilarity("love", "love me like you do")).toBeLessThan(0.7);
    expect(textSimilarity("city of stars", "city of angels")).toBeLessThan(0.8);
  });

  it("matches a title against its core", () => {
    expect(titleSimilarity("levitating", "levitating feat dababy", "levitating")).toBe(1);
  });

  it("matches an artist among several or by contained words", () => {
    expect(artistSimilarity("dua lipa", ["dua lipa", "dababy"], "dua lipa dababy")).toBe(1);
    expect(artistSimilarity("dua lipa dababy", ["dua lipa", "dababy"], "dua lipa dababy")).toBe(1);
    expect(artistSimilarity("tk", ["tk from ling tosite sigure"], "tk from ling tosite sigure")).toBe(0.9);
    expect(artistSimilarity("taylor swift", ["dua lipa"], "dua lipa")).toBeLessThan(0.5);
  });
});
