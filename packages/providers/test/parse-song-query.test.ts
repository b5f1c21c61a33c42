import { InvalidQueryError, parseSongQuery } from "../src";

const ID = "5nujrmhLynf4yMoMtj8AQF";

describe("parseSongQuery", () => {
  it("turns a pasted reference into the track id, in the id field or in the title box", () => {
    expect(parseSongQuery({ trackId: `https://open.spotify.com/track/${ID}?si=x` })).toEqual({ trackId: ID });
    expect(parseSongQuery({ title: ` spotify:track:${ID} ` })).toEqual({ trackId: ID });
    expect(parseSongQuery({ title: "  Levitating ", artist: "" })).toEqual({ title: "Levitating", artist: undefined });
  });

  it("returns an already parsed query as is, so the resolver does not parse it twice", () => {
    const parsed = parseSongQuery({ trackId: `spotify:track:${ID}` });
    expect(parseSongQuery(parsed)).toBe(parsed);
    expect(Object.isFrozen(parsed)).toBe(true);
    // A look-alike object is parsed (and checked) again.
    expect(() => parseSongQuery({ trackId: "not-a-track" })).toThrow(InvalidQueryError);
  });

  it("rejects what cannot be a song", () => {
    expect(() => parseSongQuery({ trackId: "https://example.com/track/x" })).toThrow("Not a Spotify track link, URI or id.");
    expect(() => parseSongQuery({ title: "  ", artist: "\t" })).toThrow("Give a title, an artist, or both.");
    expect(() => parseSongQuery({ title: "a".repeat(301) })).toThrow(/longer than 300 characters/);
  });
});
