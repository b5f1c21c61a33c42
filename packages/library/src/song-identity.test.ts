import { foldTitle, leadArtist, normalizedTitle, recordingKey, sameRecording, songKeyOf } from "./song-identity";

const features = {
  danceability: 0.5,
  energy: 0.8,
  loudness: -4.2,
  speechiness: 0.05,
  acousticness: 0.01,
  instrumentalness: 0,
  liveness: 0.1,
  valence: 0.6,
  tempo: 150,
};

describe("foldTitle", () => {
  it.each([
    ["Guren no Yumiya Tv Size Ver.", "Guren no Yumiya", "tv-size"],
    ["from the edge -TV ver.-", "from the edge", "tv-size"],
    ["紅蓮華 (TVサイズ)", "紅蓮華", "tv-size"],
    ["Unravel - TV Size", "Unravel", "tv-size"],
    ["Blue Bird (Short Ver.)", "Blue Bird", "short"],
    ["Blind to you (Remaster for 星の消えた夜に 2022)", "Blind to you", "remaster"],
    ["Get Wild - 2014 Remastered", "Get Wild", "remaster"],
  ])("%s → %s (%s)", (title, base, cut) => {
    expect(foldTitle(title)).toEqual({ base, cut });
  });

  it("drops credits and tie-in tags but keeps parts that name a different rendition", () => {
    expect(foldTitle("Bubble (feat. Uta)")).toEqual({ base: "Bubble", cut: null });
    expect(foldTitle('Akatsuki (From "Naruto Shippuden")')).toEqual({ base: "Akatsuki", cut: null });
    expect(foldTitle("Gimme×Gimme feat. 初音ミク・鏡音リン")).toEqual({ base: "Gimme×Gimme", cut: null });
    expect(foldTitle("Given-Taken - Japanese Ver.")).toEqual({ base: "Given-Taken - Japanese Ver.", cut: null });
    expect(foldTitle("Short Hair").cut).toBeNull();
  });
});

describe("song identity", () => {
  it("folds width, case and cuts so a TV-size cut and its song share a key", () => {
    expect(normalizedTitle("ＧＵＲＥＮ　ＮＯ　ＹＵＭＩＹＡ (TV Size)")).toBe(normalizedTitle("Guren no Yumiya"));
    expect(songKeyOf({ id: "a", title: "Guren no Yumiya Tv Size Ver.", artists: ["Linked Horizon"] })).toBe(
      songKeyOf({ id: "b", title: "Guren no Yumiya", artists: ["linked horizon", "Other"] }),
    );
  });

  it("never groups two songs by title alone when the artist is unknown", () => {
    expect(songKeyOf({ id: "a", title: "Again", artists: [] })).not.toBe(songKeyOf({ id: "b", title: "Again", artists: [] }));
    expect(leadArtist([])).toBeNull();
  });

  it("a recording is the nine features plus the duration, release variants a few ms apart included", () => {
    const at = (durationMs: number | null, f = features) => ({ features: f, durationMs });
    expect(sameRecording(at(238587), at(238586))).toBe(true);
    expect(sameRecording(at(217013), at(215706))).toBe(true);
    expect(sameRecording(at(200000), at(202001))).toBe(false);
    expect(sameRecording(at(200000), at(200000, { ...features, tempo: 150.001 }))).toBe(false);
    expect(sameRecording(at(null), at(200000))).toBe(true);
    expect(recordingKey(features, 200000)).toBe(recordingKey({ ...features }, 200000));
    expect(recordingKey(features, 200000)).not.toBe(recordingKey(features, 200001));
  });
});
