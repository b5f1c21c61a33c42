// The Save to Spotify settings as env.ts validates them.
import { ZWebEnvChecked } from "../env";

const parse = (env: Record<string, string>) => ZWebEnvChecked.safeParse(env);
const CLIENT = "0123456789abcdef0123456789abcdef";

describe("Save to Spotify environment", () => {
  it("is off with neither variable, on with both", () => {
    expect(parse({}).success).toBe(true);
    const on = parse({ SPOTIFY_PKCE_CLIENT_ID: CLIENT, ANISONG_SPOTIFY_REDIRECT_URL: "https://anisong.example/api/spotify/callback" });
    expect(on.data?.ANISONG_SPOTIFY_REDIRECT_URL).toBe("https://anisong.example/api/spotify/callback");
  });

  it("refuses one without the other", () => {
    expect(parse({ SPOTIFY_PKCE_CLIENT_ID: CLIENT }).error?.issues[0]?.message).toMatch(
      /both SPOTIFY_PKCE_CLIENT_ID and ANISONG_SPOTIFY_REDIRECT_URL/,
    );
    expect(parse({ ANISONG_SPOTIFY_REDIRECT_URL: "https://anisong.example/api/spotify/callback" }).success).toBe(false);
  });

  it.each([
    ["http://anisong.example/api/spotify/callback", /http is allowed only for/],
    ["https://anisong.example/callback", /must end in \/api\/spotify\/callback/],
    ["https://anisong.example/api/spotify/callback?x=1", /no query or fragment/],
    ["/api/spotify/callback", /absolute http\(s\) URL/],
    ["ftp://127.0.0.1/api/spotify/callback", /absolute http\(s\) URL/],
  ])("refuses the redirect URL %s", (url, message) => {
    const issue = parse({ SPOTIFY_PKCE_CLIENT_ID: CLIENT, ANISONG_SPOTIFY_REDIRECT_URL: url }).error?.issues[0];
    expect(issue?.path).toEqual(["ANISONG_SPOTIFY_REDIRECT_URL"]);
    expect(issue?.message).toMatch(message);
  });

  it("allows plain http on loopback only, and a client id of letters and digits only", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000"]) {
      expect(parse({ SPOTIFY_PKCE_CLIENT_ID: CLIENT, ANISONG_SPOTIFY_REDIRECT_URL: `http://${host}/api/spotify/callback` }).success).toBe(
        true,
      );
    }
    expect(
      parse({ SPOTIFY_PKCE_CLIENT_ID: "bad id!", ANISONG_SPOTIFY_REDIRECT_URL: "https://a.example/api/spotify/callback" }).success,
    ).toBe(false);
  });
});
