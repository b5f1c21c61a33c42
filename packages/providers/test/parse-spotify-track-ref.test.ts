import { looksLikeSpotifyLink, parseSpotifyTrackRef } from "../src";

const ID = "5nujrmhLynf4yMoMtj8AQF";

describe("parseSpotifyTrackRef", () => {
  it.each([
    [`https://open.spotify.com/track/${ID}?si=1a2b3c4d5e6f7a8b`],
    [`https://open.spotify.com/track/${ID}`],
    [`http://open.spotify.com/track/${ID}/`],
    [`open.spotify.com/track/${ID}?si=x`],
    [`https://open.spotify.com/intl-ja/track/${ID}`],
    [`https://open.spotify.com/intl-pt-BR/track/${ID}?si=abc`],
    [`https://open.spotify.com/embed/track/${ID}`],
    [`spotify:track:${ID}`],
    [`  ${ID}  `],
  ])("reads the id from %s", (input) => {
    expect(parseSpotifyTrackRef(input)).toBe(ID);
  });

  it.each([
    [""],
    ["Levitating"],
    [ID.slice(1)], // 21 characters
    [`${ID}x`],
    [`5nujrmhLynf4yMoMtj8AQ!`],
    [`https://open.spotify.com/album/${ID}`],
    [`https://open.spotify.com/playlist/${ID}`],
    [`spotify:album:${ID}`],
    [`https://evil.example/track/${ID}`],
    [`https://open.spotify.com.evil.example/track/${ID}`],
    [`ftp://open.spotify.com/track/${ID}`],
    [`https://open.spotify.com/track/${ID}/extra`],
  ])("rejects %s", (input) => {
    expect(parseSpotifyTrackRef(input)).toBeNull();
  });

  it("tells a pasted link from a title", () => {
    expect(looksLikeSpotifyLink(`https://open.spotify.com/track/${ID}?si=abc`)).toBe(true);
    expect(looksLikeSpotifyLink(`spotify:track:${ID}`)).toBe(true);
    expect(looksLikeSpotifyLink(ID)).toBe(false);
    expect(looksLikeSpotifyLink("Levitating")).toBe(false);
  });
});
