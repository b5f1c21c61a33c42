import { extractAnimeTitle, matchAnimeTitle } from "./anime-title";

describe("extractAnimeTitle", () => {
  it.each([
    ["青100色", "青100色 (TVアニメ「古見さんは、コミュ症です。」オープニング・テーマ)", "古見さんは、コミュ症です。", "media-bracket"],
    ["Jet Set Run", "TVアニメ「僕のヒーローアカデミア」 2nd オリジナル・サウンドトラック", "僕のヒーローアカデミア", "media-bracket"],
    ['Akatsuki (From "Naruto Shippuden")', "Akatsuki", "Naruto Shippuden", "from-quoted"],
    ['Kanashiki Kako (from"Fairy Tail") - Piano Version', null, "Fairy Tail", "from-quoted"],
    ["Natsu's Theme", '"Fairy Tail" Original Soundtrack Vol.1', "Fairy Tail", "quoted-soundtrack"],
    ["lvs", 'A Shape of Light "A Silent Voice the Movie" Original Soundtrack', "A Silent Voice the Movie", "quoted-soundtrack"],
    ["Zeek's Plan", "Attack on Titan The Final Season Original Soundtrack", "Attack on Titan", "soundtrack-suffix"],
    ["百花繚乱", "NARUTO-ナルト- 疾風伝 オリジナル・サウンドトラック", "NARUTO-ナルト- 疾風伝", "soundtrack-suffix"],
    ["The Sixth Station", "Spirited Away Soundtrack", "Spirited Away", "soundtrack-suffix"],
    ["Opening of Dragon Ball", null, "Dragon Ball", "op-ed-of"],
    ["Blue Bird (Naruto Opening 3)", null, "Naruto", "x-op-ed"],
    ["Unravel Lofi (Tokyo Ghoul)", "Sleep Anime Lofi Beats", "Tokyo Ghoul", "lofi-bracket"],
    ["path of the wind (my neighbor totoro lofi)", "path of the wind", "my neighbor totoro", "lofi-bracket"],
    ["Fire! (Digimon)", "Anime Covers, Vol. 1", "Digimon", "lofi-bracket"],
    ["Copy (Kakashi Rap)", "Copy (Kakashi Rap)", null, null],
    ["BAKU (CORSAK Remix) -Sakura Chill Beats Singles", "Lofi", null, null],
    ["Inochi no Namae (Spirited Away)", "Ghibli Vibes", null, null],
    ["KICK BACK", "KICK BACK", null, null],
    ["Habit", "Habit", null, null],
  ])("%s | %s → %s", (title, album, animeTitle, rule) => {
    const match = matchAnimeTitle({ title, album });
    expect(match?.animeTitle ?? null).toBe(animeTitle);
    expect(match?.rule ?? null).toBe(rule);
  });

  it("returns null for an album that is only a generic soundtrack word", () => {
    expect(extractAnimeTitle({ title: "Track 1", album: "Original Soundtrack" })).toBeNull();
  });
});
