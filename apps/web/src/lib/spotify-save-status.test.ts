import { parseSpotifySaveStatus, spotifyPlaylistUrl, SPOTIFY_SAVE_MESSAGES, SPOTIFY_SAVE_STATUS_CODES } from "./spotify-save-status";
import { SPOTIFY_SAVE_ERROR_CODES } from "@anisong/providers/spotify-playlists";

describe("the permalink's Save to Spotify status", () => {
  it("reads a playlist id or a known error code, and ignores anything else", () => {
    expect(parseSpotifySaveStatus({ saved: "37i9dQZF1DXcBWIGoYBM5M" })).toEqual({ saved: "37i9dQZF1DXcBWIGoYBM5M" });
    expect(parseSpotifySaveStatus({ spotifyError: "forbidden_user" })).toEqual({ error: "forbidden_user" });
    expect(parseSpotifySaveStatus({})).toBeNull();
    for (const saved of ["javascript:alert(1)", "https://evil.example/", "../x", "", "a".repeat(65)]) {
      expect(parseSpotifySaveStatus({ saved })).toBeNull();
    }
    expect(parseSpotifySaveStatus({ saved: ["a", "b"] })).toBeNull();
    expect(parseSpotifySaveStatus({ spotifyError: "<script>" })).toBeNull();
    expect(parseSpotifySaveStatus({ spotifyError: "toString" })).toBeNull();
    expect(spotifyPlaylistUrl("abc")).toBe("https://open.spotify.com/playlist/abc");
  });

  it("has a listener sentence for every code the providers can raise", () => {
    for (const code of SPOTIFY_SAVE_ERROR_CODES) expect(SPOTIFY_SAVE_STATUS_CODES).toContain(code);
    for (const code of SPOTIFY_SAVE_STATUS_CODES) expect(SPOTIFY_SAVE_MESSAGES[code]).toMatch(/\.$/);
  });
});
