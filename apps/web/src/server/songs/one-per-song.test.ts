import { songKeyOf } from "@anisong/library";
import { KEY_CACHE_LIMIT, onePerSong, trackSongKey } from "./one-per-song";

const track = (id: string, title: string, artists: string[]) => ({ id, title, artists });

describe("trackSongKey", () => {
  test("is songKeyOf, asked once or many times", () => {
    const tracks = [
      track("a", "Guren no Yumiya (TV Size)", ["Linked Horizon"]),
      track("b", "Guren no Yumiya", ["Linked Horizon"]),
      track("c", "Guren no Yumiya", ["Someone Else"]),
      track("d", "Levitating (feat. DaBaby)", ["Dua Lipa", "DaBaby"]),
      track("e", "", ["Nobody"]),
    ];
    for (let round = 0; round < 3; round++) for (const t of tracks) expect(trackSongKey(t)).toBe(songKeyOf(t));
    expect(trackSongKey(tracks[0]!)).toBe(trackSongKey(tracks[1]!)); // a TV-size cut is the same song
    expect(trackSongKey(tracks[1]!)).not.toBe(trackSongKey(tracks[2]!)); // another artist is not
  });

  test("artists are not confused with the title's end (the remembered key separates them)", () => {
    expect(trackSongKey(track("x", "A", ["B C"]))).toBe(songKeyOf(track("x", "A", ["B C"])));
    expect(trackSongKey(track("x", "A B", ["C"]))).toBe(songKeyOf(track("x", "A B", ["C"])));
  });

  test("stays right past its memory's limit", () => {
    for (let i = 0; i < KEY_CACHE_LIMIT + 10; i++) trackSongKey(track(`id${i}`, `Song ${i}`, [`Artist ${i % 7}`]));
    expect(trackSongKey(track("id5", "Song 5", ["Artist 5"]))).toBe(songKeyOf(track("id5", "Song 5", ["Artist 5"])));
  });
});

describe("onePerSong", () => {
  test("keeps the first item of each song, in order", () => {
    const list = [track("1", "Song (TV Size)", ["A"]), track("2", "Other", ["B"]), track("3", "Song", ["A"])];
    expect(onePerSong(list, trackSongKey).map((t) => t.id)).toEqual(["1", "2"]);
  });
});
