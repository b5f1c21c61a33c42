// Save to Spotify in headless Chromium against `next start` configured for a loopback Spotify: the listener
// clicks the button on a permalink, Spotify's (fake) consent page sends the browser straight back, and the page
// says the playlist is saved — or, when the listener refuses, says so. No CSP violation on the way.
import fs from "node:fs";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { launchChromium } from "./support/browser";
import { findRepoRoot } from "@anisong/db";
import { FakeSpotifyPlaylists } from "../../../packages/providers/test/fake-spotify-playlists";
import { ensureBuilt, freePort, startNextServer, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(600_000);

const SHOTS = path.join(findRepoRoot(), "artifacts", "screenshots");

let database: TPreparedDatabase;
let server: TNextServer;
let browser: Browser;
let fake: FakeSpotifyPlaylists;
let permalink: string;
const cspViolations: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("pglite");
  const port = await freePort();
  const redirect = `http://127.0.0.1:${port}/api/spotify/callback`;
  fake = await new FakeSpotifyPlaylists("anisonge2eclient0001", [redirect]).start();
  server = await startNextServer(
    {
      ...database.env,
      ANISONG_PROVIDERS: "catalog",
      SPOTIFY_PKCE_CLIENT_ID: fake.clientId,
      ANISONG_SPOTIFY_REDIRECT_URL: redirect,
      SPOTIFY_ACCOUNTS_BASE: fake.url,
      SPOTIFY_API_BASE: fake.url,
    },
    { port },
  );
  const created = await fetch(`${server.url}/api/recommendations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Levitating", artist: "Dua Lipa" }),
  });
  expect(created.status).toBe(201);
  permalink = `${server.url}/recommendations/${((await created.json()) as { id: string }).id}`;
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterEach(() => expect(cspViolations).toEqual([]));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.stop();
  await database?.drop();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB" });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return page;
}

test("click Save to Spotify → consent → back on the permalink, saved as a private playlist with every pick", async () => {
  const page = await newPage({ width: 1280, height: 800 });
  await page.goto(permalink);
  const rows = await page.getByTestId("recommendation-row").count();
  const button = page.getByRole("link", { name: "Save to Spotify as a private playlist" });
  await button.focus();
  await page.keyboard.press("Enter"); // keyboard-operable: a real link
  await page.waitForURL(/\?saved=FakePlaylist/);
  const status = page.getByRole("status").filter({ hasText: "Saved to your Spotify as a private playlist." });
  await status.waitFor();
  const playlistId = new URL(page.url()).searchParams.get("saved")!;
  expect(await status.getByRole("link").getAttribute("href")).toBe(`https://open.spotify.com/playlist/${playlistId}`);
  const playlist = fake.playlists.get(playlistId)!;
  expect(playlist.public).toBe(false);
  expect(playlist.uris).toHaveLength(rows);
  // The tokens stayed on the server: the browser holds only the random session cookie, which scripts cannot read.
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name).sort()).toEqual(["anisong_spotify_session"]);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/api/spotify" });
  expect(await page.evaluate(() => document.cookie)).toBe("");
  await page.screenshot({ path: path.join(SHOTS, "spotify-saved-desktop.png") });

  // Signed in now: a second save does not visit Spotify's page again.
  const authorizeBefore = fake.count("authorize");
  await page.goto(permalink);
  await page.getByRole("link", { name: "Save to Spotify as a private playlist" }).click();
  await page.waitForURL(/\?saved=FakePlaylist/);
  expect(new URL(page.url()).searchParams.get("saved")).not.toBe(playlistId);
  expect(fake.count("authorize")).toBe(authorizeBefore);
  await page.context().close();
});

test("a refusal on Spotify's page is said in plain words, at phone width too", async () => {
  fake.consent = "deny";
  const page = await newPage({ width: 390, height: 844 });
  await page.goto(permalink);
  await page.getByRole("link", { name: "Save to Spotify as a private playlist" }).click();
  await page.waitForURL(/\?spotifyError=denied/);
  await page.getByRole("alert").filter({ hasText: "You chose not to let Anisong use your Spotify account" }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: path.join(SHOTS, "spotify-denied-phone.png") });
  await page.context().close();
  fake.consent = "approve";
});
