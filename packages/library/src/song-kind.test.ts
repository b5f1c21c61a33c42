import { classifyKind, KIND_RULES } from "./song-kind";

const kindOf = (title: string, album: string | null, artists: string[] = [], instrumentalness?: number) =>
  classifyKind({ title, album, artists, instrumentalness });

describe("classifyKind", () => {
  it.each([
    ["Akuma no Ko but is it okay if it's lofi hiphop?", "Akuma no Ko but is it okay if it's lofi hiphop?", "Kijugo", "cover", "cover:lofi"],
    ["Guren No Yumiya (Attack On Titan)", "Anime Lofi Vol. 1", "Otaku", "cover", "cover:lofi"],
    ['Sadness and Sorrow (from "Naruto") - Piano Version', null, "", "cover", "cover:piano"],
    ["Enemy - Epic Version (from Arcane League of Legends)", "Enemy", "Samuel Kim", "cover", "cover:epic"],
    ["Jiren's Power - Remix", "Jiren's Power", "Tha J-SQUAD", "cover", "cover:remix"],
    ["Copy (Kakashi Rap)", "Copy (Kakashi Rap)", "Rustage", "cover", "cover:rap"],
    ["Alone", "Naruto Vibes", "Kato", "cover", "cover:vibes"],
    ['Ángeles y Demonios (From "Dragon Ball Super")', "Ángeles y Demonios", "Laharl Square", "cover", "cover:from"],
    ["Yoriichi Theme", "Yoriichi Theme", "Samuel Kim", "cover", "cover:artist"],
    ["Natsu's Theme", '"Fairy Tail" Original Soundtrack Vol.1', "Yasuharu Takanashi", "soundtrack", "soundtrack:album"],
    [
      "君はヒーローになれる",
      "TVアニメ『僕のヒーローアカデミア』オリジナル・サウンドトラック",
      "Yuki Hayashi",
      "soundtrack",
      "soundtrack:album",
    ],
    ['Penrose Steps - From "Eden" Soundtrack', null, "", "soundtrack", "soundtrack:title"],
    ["Theme of Violet Evergarden", "VIOLET EVERGARDEN: Automemories", "Evan Call", "soundtrack", "soundtrack:cue"],
    ["The Voice in My Heart", "VIOLET EVERGARDEN: Automemories", "Evan Call", "soundtrack", "soundtrack:composer"],
    ["青100色", "青100色 (TVアニメ「古見さんは、コミュ症です。」オープニング・テーマ)", "伊藤美来", "original", "original:tie-in"],
    ["KICK BACK", "KICK BACK", "Kenshi Yonezu", "original", "original:default"],
  ])("%s | %s | %s → %s by %s", (title, album, artist, kind, rule) => {
    const result = kindOf(title, album, artist ? artist.split(";") : []);
    expect({ kind: result.kind, rule: result.rule }).toEqual({ kind, rule });
  });

  it("an instrumental track with no other hint is a score cue; a sung one is not", () => {
    expect(kindOf("ともに憩いを", null, [], 0.9)).toMatchObject({ kind: "soundtrack", rule: "soundtrack:instrumental" });
    expect(kindOf("紅蓮華", null, [], 0.0)).toMatchObject({ kind: "original", rule: "original:default" });
    expect(kindOf("Gurenge Lofi (Demon Slayer)", "Sleep Anime Lofi Beats", ["Kato"], 0.95).kind).toBe("cover");
  });

  it("marks TV-size, short and remaster cuts as versions and keeps their kind", () => {
    expect(kindOf("Guren no Yumiya Tv Size Ver.", "Guren no Yumiya Tv Size Ver.", ["Linked Horizon"])).toEqual({
      kind: "original",
      isVersion: true,
      versionOf: "Guren no Yumiya",
      versionCut: "tv-size",
      rule: "original:default",
    });
    expect(kindOf("Blind to you (Remaster for 星の消えた夜に 2022)", "星の消えた夜に", ["Aimer"])).toMatchObject({
      isVersion: true,
      versionCut: "remaster",
    });
    expect(kindOf("KICK BACK", "KICK BACK", ["Kenshi Yonezu"]).isVersion).toBe(false);
  });

  it("every rule is documented and the last one catches everything", () => {
    for (const rule of KIND_RULES) expect(rule.comment.length).toBeGreaterThan(5);
    expect(new Set(KIND_RULES.map((r) => r.rule)).size).toBe(KIND_RULES.length);
    expect(KIND_RULES.at(-1)!.rule).toBe("original:default");
  });
});
