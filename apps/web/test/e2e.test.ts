// End to end in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) against
// `next start` on a PGlite database filled by the real pipeline: search "Levitating", see ten
// recommendations with Spotify links, rate them, see the rating on the insights page. Screenshots of the
// three pages at desktop and phone widths go to artifacts/screenshots.
import fs from "node:fs";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { accessibleRoleCounts, collectCspViolations, launchChromium, VIEWPORTS } from "./support/browser";
import { findRepoRoot } from "@anisong/db";
import { expectNoAxeViolations } from "./support/axe";
import { ensureBuilt, freePort, startNextServer, WEB_DIR, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";
import type { THealth, TRecommendationResponse } from "../src/lib/api-types";

jest.setTimeout(600_000);

const SHOTS = path.join(findRepoRoot(), "artifacts", "screenshots");

let database: TPreparedDatabase;
let server: TNextServer;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("pglite");
  // No Spotify credentials (the offline default), and ReccoBeats on a loopback port nothing listens on:
  // a title the catalog lacks is "not found", a track id it lacks finds every feature source down.
  const deadPort = await freePort();
  server = await startNextServer({
    ...database.env,
    ANISONG_PROVIDERS: "catalog,spotify,reccobeats",
    SPOTIFY_CLIENT_ID: "",
    SPOTIFY_CLIENT_SECRET: "",
    RECCOBEATS_API_BASE: `http://127.0.0.1:${deadPort}`,
    // Room for the burst of 24 recommendations below on top of the other tests' writes (one client: 127.0.0.1).
    ANISONG_WRITE_RATE_BURST: "60",
  });
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterEach(() => {
  // Every page of every test ran under the CSP (src/proxy.ts) without one violation.
  expect(cspViolations).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function newPage(viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: "en-GB" });
  const page = await context.newPage();
  // Any Content-Security-Policy violation fails the run: the console message and the DOM event.
  collectCspViolations(page, cspViolations);
  await page.exposeFunction("__reportCspViolation", (text: string) => cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  // Record layout shifts from the first paint on.
  await page.addInitScript(() => {
    (window as unknown as { __cls: number }).__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { __cls: number }).__cls += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  return page;
}

const cls = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls);

test("search Levitating, get ten anime songs with Spotify links, rate them, see the rating counted", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/`);
  // The browsable list: ten songs per page, and Japanese titles come through intact.
  await page.locator("table tbody tr:not(.skeleton-row)").first().waitFor();
  expect(await page.locator("table tbody tr").count()).toBe(10);
  expect(await page.locator("table tbody").textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese titles
  expect(await cls(page)).toBeLessThan(0.1); // the skeleton rows hold the list's place
  await page.screenshot({ path: path.join(SHOTS, "home-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "home-desktop");

  await page.getByLabel("Song title or Spotify link").fill("Levitating");
  await page.getByRole("button", { name: "Find anime songs" }).click();
  // The search creates the recommendation once and lands on its permalink.
  await page.waitForURL(/\/recommendations\/[0-9a-f-]{36}$/);
  const rows = page.getByTestId("recommendation-row");
  await rows.first().waitFor();
  expect(await rows.count()).toBe(10);
  for (let i = 0; i < 10; i++) {
    const href = await rows
      .nth(i)
      .getByRole("link", { name: /Spotify/ })
      .getAttribute("href");
    expect(href).toMatch(/^https:\/\/open\.spotify\.com\/track\/[A-Za-z0-9]{22}$/);
  }
  // At 1280 px a pick's seven actions take two lines (three made every pick ~125 px tall).
  const rowHeights = await rows.evaluateAll((all) => all.map((r) => r.getBoundingClientRect().height));
  expect(Math.max(...rowHeights)).toBeLessThan(100);
  // An album keeps to one line under its title (a soundtrack's long name took three), whole in its title attribute.
  const albums = await page.locator(".recs .item-album").evaluateAll((all) =>
    all.map((a) => ({
      oneLine: a.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(a).lineHeight),
      cut: a.scrollHeight > a.clientHeight + 1,
      whole: a.getAttribute("title") === a.textContent,
    })),
  );
  expect(albums.length).toBeGreaterThan(0);
  expect(albums.every((a) => a.oneLine && a.whole)).toBe(true);
  expect(albums.some((a) => a.cut)).toBe(true);
  // The kind tag names itself: alone in the Anime column, a bare "original" read like an anime's name.
  const tags = await page.locator(".recs .kind-tag").allTextContents();
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(["original song", "soundtrack", "cover"]).toContain(tag);
  expect(await page.locator("#resolved-title").textContent()).toMatch(/Levitating/);
  expect(await page.locator(".feature-chart tbody tr").count()).toBe(9);
  // Nothing jumps when the results arrive (skeletons reserve their space).
  expect(await cls(page)).toBeLessThan(0.1);

  // Compare another pick with the keyboard.
  await rows
    .nth(2)
    .getByRole("button", { name: /Compare/ })
    .press("Enter");
  expect(await rows.nth(2).getAttribute("class")).toContain("is-selected");
  await page.screenshot({ path: path.join(SHOTS, "results-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "results-desktop");

  // Rate with the keyboard: focus the first star, arrow to the fourth, send.
  await page.getByRole("radio", { name: /^1 star/ }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  expect(await page.getByRole("radio", { name: /^4 stars/ }).isChecked()).toBe(true);
  await page.getByLabel("Comment (optional)").fill("ジャズっぽくて良い");
  await page.getByRole("button", { name: "Send rating" }).click();
  await page.getByTestId("rating-ack").waitFor();
  expect(await page.getByTestId("rating-ack").textContent()).toContain("4 stars");

  await page.getByRole("link", { name: "See it on the map" }).click();
  await page.waitForURL(/\/insights\?recommendation=/);
  await page.locator(".cluster-map svg").waitFor();
  expect(await page.getByTestId("ratings-count").textContent()).toBe("1");
  expect(await page.getByTestId("ratings-average").textContent()).toBe("4.00 ★");
  expect(await page.locator(".query-point").count()).toBe(1);
  await page.screenshot({ path: path.join(SHOTS, "insights-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "insights-desktop");
  await page.context().close();
});

// Issue 9 point 7: the resolution says what it did; point 6: one entry per song in the results.
test("pick list: an exact match shows none, versions are offered quietly, an artist-only search says which song it used", async () => {
  const page = await newPage("desktop");
  const rows = page.getByTestId("recommendation-row");

  await page.goto(`${server.url}/results?title=${encodeURIComponent("残響散歌")}`);
  await rows.first().waitFor();
  expect(await page.locator("#resolved-title").textContent()).toBe("残響散歌");
  expect(await page.getByTestId("pick-list").count()).toBe(0);
  expect(await page.getByText("Several songs match").count()).toBe(0);
  expect(await page.getByTestId("using-notice").count()).toBe(0);
  // At most two songs per artist in the list (songs without artists are not capped).
  const artists = await rows.locator(".inline-artists").allTextContents();
  const leads = artists.filter((a) => a !== "Unknown artist").map((a) => a.split(",")[0]!.trim());
  for (const lead of new Set(leads)) expect(leads.filter((l) => l === lead).length).toBeLessThanOrEqual(2);

  await page.goto(`${server.url}/results?title=${encodeURIComponent("紅蓮華")}&artist=LiSA`);
  await rows.first().waitFor();
  const versions = page.getByTestId("pick-list");
  await versions.waitFor();
  expect(await versions.locator("summary").textContent()).toBe("Other versions of this song");
  expect(await versions.getAttribute("open")).toBeNull();
  for (const text of await versions.locator("li").allTextContents()) expect(text).toMatch(/紅蓮華.*LiSA/);

  await page.goto(`${server.url}/results?artist=YOASOBI`);
  await rows.first().waitFor();
  const notice = page.getByTestId("using-notice");
  await notice.waitFor();
  const used = (await page.locator("#resolved-title").textContent())!;
  expect(await notice.textContent()).toContain(`Using ${used} by YOASOBI`);
  const others = page.getByTestId("pick-list");
  expect(await others.locator("summary").textContent()).toBe("Other songs by YOASOBI");
  expect(await others.getAttribute("open")).not.toBeNull();
  const offered = await others.locator("li a").allTextContents();
  expect(offered.length).toBeGreaterThanOrEqual(3);
  for (const text of offered) expect(text).toContain("YOASOBI");
  expect(new Set(offered.map((t) => t.split("·")[0]!.trim())).size).toBe(offered.length);
  await page.screenshot({ path: path.join(SHOTS, "results-artist-only-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "results-artist-only-desktop");
  // Choosing one recommends from that song.
  const first = others.locator("li a").first();
  const chosen = (await first.textContent())!.split("·")[0]!.trim();
  await first.click();
  await page.waitForURL(/\/results\?track=/);
  await page.waitForFunction((title) => document.querySelector("#resolved-title")?.textContent === title, chosen);
  expect(await page.getByTestId("using-notice").count()).toBe(0);
  await page.context().close();
});

test("pages are served with a nonce CSP and the security headers, and still hydrate under it", async () => {
  const page = await newPage("desktop");
  const response = await page.goto(`${server.url}/`);
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("frame-src https://open.spotify.com");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined(); // not behind TLS here
  // Next stamped this request's nonce on its scripts (the page's own inline ones included).
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  // A second view gets a fresh nonce.
  const again = await page.request.get(`${server.url}/`);
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

  // Hydrated: the song list is fetched by React Query, and client-side navigation works.
  await page.locator("table tbody tr:not(.skeleton-row)").first().waitFor();
  await page.getByRole("link", { name: "Insights" }).click();
  await page.waitForURL(/\/insights$/);
  await page.locator(".cluster-map svg").waitFor();
  await page.context().close();
});

test("tablet width: a pick's artists and kind go under its title, so its actions take two lines", async () => {
  const page = await newPage("tablet");
  await page.goto(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`);
  const rows = page.getByTestId("recommendation-row");
  await rows.first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  // The Artists and Anime columns give way (180–320 px a pick between 641 and 1,099 px before).
  expect(await page.getByRole("columnheader", { name: "Artists" }).isVisible()).toBe(false);
  const first = rows.first();
  expect(await first.locator(".inline-artists").isVisible()).toBe(true);
  expect(await first.locator(".inline-artists .kind-tag").textContent()).toMatch(/^(original song|soundtrack|cover)$/);
  const rowHeights = await rows.evaluateAll((all) => all.map((r) => r.getBoundingClientRect().height));
  expect(Math.max(...rowHeights)).toBeLessThan(120);
  await expectNoAxeViolations(page, "results-tablet");
  await page.context().close();
});

test("phone width: the three pages fit the screen", async () => {
  const page = await newPage("phone");
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  await page.goto(`${server.url}/`);
  await page.locator("table tbody tr:not(.skeleton-row)").first().waitFor();
  expect(await fits()).toBe(true);
  await page.screenshot({ path: path.join(SHOTS, "home-phone.png"), fullPage: true });
  await expectNoAxeViolations(page, "home-phone");

  await page.goto(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`);
  await page.getByTestId("recommendation-row").first().waitFor();
  expect(await fits()).toBe(true);
  expect(await cls(page)).toBeLessThan(0.1);
  // Below the first screen, the picks and the rating card are not laid out on arrival (content-visibility: auto)…
  const rendered = (selector: string) =>
    page.locator(selector).evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions));
  expect(await rendered("[data-testid=recommendation-row] >> nth=9 >> .title-cell")).toBe(false);
  expect(await rendered("#rate-title")).toBe(false);
  // …and are once scrolled to (the next frame lays them out).
  await page.locator("#rate-title").scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    document.querySelector("#rate-title")!.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions),
  );
  // The rows are measured as laid out (content-visibility off for the measurement). Each pick is two lines (title,
  // then its actions in a wrapping row), not a column of seven buttons (~300 px).
  const rowHeights = await page.getByTestId("recommendation-row").evaluateAll((rows) =>
    rows.map((r) => {
      (r as HTMLElement).style.contentVisibility = "visible";
      return r.getBoundingClientRect().height;
    }),
  );
  expect(Math.max(...rowHeights)).toBeLessThan(200);
  // The phone's grid layout is only visual: Chromium's accessibility tree still has the table's rows and cells.
  const axRoles = await accessibleRoleCounts(page, { selector: "table.recs", roles: ["row", "cell", "columnheader"] });
  expect(axRoles.row).toBe(11); // the header and ten picks
  expect(axRoles.cell).toBeGreaterThanOrEqual(40); // rank, title, similarity and actions at least, per pick
  expect(axRoles.columnheader).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: path.join(SHOTS, "results-phone.png"), fullPage: true });
  await expectNoAxeViolations(page, "results-phone");

  await page.goto(`${server.url}/insights`);
  await page.locator(".cluster-map svg").waitFor();
  expect(await fits()).toBe(true);
  await page.screenshot({ path: path.join(SHOTS, "insights-phone.png"), fullPage: true });
  await expectNoAxeViolations(page, "insights-phone");
  await page.context().close();
});

test("/results comes with its list: created on the server, no recommendation request from the browser", async () => {
  // Without JavaScript: the ten rows are in the HTML, and a first visit gets the visitor cookie (experiments).
  const res = await fetch(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`);
  expect(res.status).toBe(200);
  expect(res.headers.get("set-cookie")).toMatch(/^anisong_visitor=[0-9a-f-]{36}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
  const html = await res.text();
  expect(html.match(/data-testid="recommendation-row"/g)?.length).toBe(10);
  const id = /data-recommendation-id="([0-9a-f-]{36})"/.exec(html)?.[1];
  const stored = await fetch(`${server.url}/api/recommendations/${id}`);
  expect(stored.status).toBe(200);
  expect(((await stored.json()) as { query: { track: { title: string } } }).query.track.title).toMatch(/Levitating/);
  // An unknown song: the notice is in the HTML too.
  const missing = await (await fetch(`${server.url}/results?title=Qwzxv%20Plonkety&artist=Nobody%20Zyx`)).text();
  expect(missing).toContain('data-error-code="song_not_found"');

  // In the browser: links to /results are never prefetched (each visit there creates a recommendation)…
  const page = await newPage("desktop");
  const toResults: string[] = [];
  const posts: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/results") toResults.push(request.url());
    if (request.method() === "POST" && request.url().includes("/api/recommendations")) posts.push(request.url());
  });
  await page.goto(`${server.url}/`);
  await page.locator("table tbody tr:not(.skeleton-row)").first().waitFor();
  await page.locator("table tbody a").first().hover();
  await page
    .getByRole("link", { name: /Levitating/ })
    .first()
    .hover();
  await page.waitForTimeout(500);
  expect(toResults).toEqual([]);
  // …no POST on arrival (the server made the one recommendation), and the URL becomes its permalink.
  await page.goto(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`);
  await page.waitForURL(PERMALINK);
  const firstId = PERMALINK.exec(page.url())![1]!;
  expect(await page.getByTestId("recommendation-row").count()).toBe(10);
  expect(posts).toEqual([]);
  // Changing the kinds asks the API for a new list.
  const asked = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/recommendations"));
  await page.getByLabel("Covers & arrangements").check();
  expect(JSON.parse((await asked).postData() ?? "{}").kinds).toEqual(["original", "soundtrack", "cover"]);
  expect(posts).toHaveLength(1);
  // Each answer is kept for the page's life: the list with covers, then the server's list again, with no new write.
  await page.waitForURL((url) => !url.pathname.endsWith(`/${firstId}`));
  const withCovers = PERMALINK.exec(page.url())![1]!;
  await page.locator(`[data-recommendation-id="${withCovers}"]`).waitFor();
  await page.getByLabel("Covers & arrangements").uncheck();
  await page.locator(`[data-recommendation-id="${firstId}"]`).waitFor();
  await page.getByLabel("Covers & arrangements").check();
  await page.locator(`[data-recommendation-id="${withCovers}"]`).waitFor();
  expect(posts).toHaveLength(1);
  await page.context().close();
});

test("clear error states: empty search, unknown song, every feature source down", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/`);
  await page.getByRole("button", { name: "Find anime songs" }).click();
  expect(await page.getByRole("alert").filter({ hasText: "Type a song title" }).count()).toBe(1);

  await page.goto(`${server.url}/results?title=${encodeURIComponent("Qwzxv Plonkety")}&artist=${encodeURIComponent("Nobody Zyx")}`);
  const notice = page.locator("[data-error-code=song_not_found]");
  await notice.waitFor();
  expect(await notice.textContent()).toContain("We could not find that song");
  await page.screenshot({ path: path.join(SHOTS, "not-found-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "not-found-desktop");

  // A valid Spotify id the offline catalog does not have: ReccoBeats is unreachable.
  await page.goto(`${server.url}/results?track=${encodeURIComponent("spotify:track:0000000000000000000000")}`);
  const down = page.locator("[data-error-code=providers_unavailable]");
  await down.waitFor();
  expect(await down.textContent()).toContain("Every audio-feature source is down");
  await page.screenshot({ path: path.join(SHOTS, "providers-down-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "providers-down-desktop");
  await page.context().close();
});

const PERMALINK = /\/recommendations\/([0-9a-f-]{36})$/;

async function servedCount(page: Page): Promise<number> {
  const res = await page.request.get(`${server.url}/api/insights`);
  return (await res.json()).recommendations as number;
}

test("permalinks: reload, back and forward show the stored list and create nothing; the rating stays shown", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/`);
  await page.getByLabel("Song title or Spotify link").fill("Levitating");
  await page.getByLabel("Artist").fill("Dua Lipa");
  const before = await servedCount(page);
  await page.getByRole("button", { name: "Find anime songs" }).click();
  await page.waitForURL(PERMALINK);
  const id = PERMALINK.exec(page.url())![1];
  const rows = page.getByTestId("recommendation-row");
  await rows.first().waitFor();
  const titles = await rows.allTextContents();
  expect(await servedCount(page)).toBe(before + 1);

  await page.reload();
  await rows.first().waitFor();
  expect(page.url()).toMatch(new RegExp(`/recommendations/${id}$`));
  expect(await rows.allTextContents()).toEqual(titles);
  expect(await servedCount(page)).toBe(before + 1);

  // Back leaves for the home page (the creating /results URL was replaced), forward returns to the same list.
  await page.goBack();
  await page.waitForURL(`${server.url}/`);
  await page.goForward();
  await page.waitForURL(PERMALINK);
  await rows.first().waitFor();
  expect(await rows.allTextContents()).toEqual(titles);
  expect(await servedCount(page)).toBe(before + 1);

  // Rate with a comment that looks like markup, reload: the rating is shown instead of the form.
  const comment = `<script>window.__xss = 1</script> <img src=x onerror="window.__xss=2"> nice`;
  await page.getByRole("radio", { name: /^1 star/ }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  expect(await page.getByRole("radio", { name: /^5 stars/ }).isChecked()).toBe(true);
  await page.getByLabel("Comment (optional)").fill(comment);
  await page.getByRole("button", { name: "Send rating" }).click();
  await page.getByTestId("rating-ack").waitFor();
  await page.reload();
  await page.getByTestId("rating-stored").waitFor();
  expect(await page.getByTestId("rating-stored").textContent()).toContain("5 stars");
  expect(await page.getByRole("button", { name: "Send rating" }).count()).toBe(0);
  expect(await servedCount(page)).toBe(before + 1);
  await page.screenshot({ path: path.join(SHOTS, "permalink-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "permalink-desktop");

  // A direct GET of an unknown or malformed id is the not-found page, not a new recommendation.
  const unknown = await page.request.get(`${server.url}/recommendations/3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b`);
  expect(unknown.status()).toBe(404);
  expect((await page.request.get(`${server.url}/recommendations/nope`)).status()).toBe(404);

  // Insights: the comment, newest first, as text, with its query and stars; the CSV link downloads it.
  await page.goto(`${server.url}/insights`);
  const first = page.getByTestId("comments").locator("li").first();
  await first.waitFor();
  expect(await first.locator(".comment__text").textContent()).toBe(comment);
  expect(await first.textContent()).toContain("Levitating · Dua Lipa");
  expect(await first.getByLabel("5 of 5 stars").count()).toBe(1);
  expect(await page.getByTestId("comments").locator("script, img").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  const href = await page.getByRole("link", { name: "Download all ratings (CSV)" }).getAttribute("href");
  const csv = await page.request.get(`${server.url}${href}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(await csv.text()).toContain(`${id},`);
  await page.screenshot({ path: path.join(SHOTS, "insights-comments-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page, "insights-comments-desktop");
  await page.context().close();
});

test("the embedded database runs in its own thread: a burst of recommendations is stored, each permalink opens", async () => {
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as THealth;
  expect(health.database).toMatchObject({ ok: true, kind: "pglite", thread: "worker" });
  // Sent together, they reach the database thread while it is busy and are written in shared statements.
  const created = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const res = await fetch(`${server.url}/api/recommendations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Levitating", artist: "Dua Lipa", topN: 5 + (i % 6) }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as TRecommendationResponse;
    }),
  );
  for (const made of created) {
    const stored = (await (await fetch(`${server.url}/api/recommendations/${made.id}`)).json()) as TRecommendationResponse;
    expect(stored.items).toHaveLength(made.items.length);
    expect(stored.items.map((item) => [item.trackId, item.similarity])).toEqual(made.items.map((item) => [item.trackId, item.similarity]));
  }
  expect(new Set(created.map((made) => made.id)).size).toBe(24);
});

test("the title box stops at the API's limit", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/`);
  const box = page.getByLabel("Song title or Spotify link");
  expect(await box.getAttribute("maxlength")).toBe("200");
  await box.fill("a".repeat(200));
  await box.pressSequentially("bcd");
  expect((await box.inputValue()).length).toBe(200);
  await page.context().close();
});

/** /results for Levitating (swapped for its permalink), then "Compare" on the pick at `index`. */
async function compareOnResults(page: Page, index: number): Promise<void> {
  await page.goto(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`);
  await page.waitForURL(PERMALINK);
  const rows = page.getByTestId("recommendation-row");
  await rows.first().waitFor();
  await rows
    .nth(index)
    .getByRole("button", { name: /Compare/ })
    .click();
}

test("phone: Compare draws the chart under the row and brings it into view", async () => {
  const page = await newPage("phone");
  await compareOnResults(page, 6);
  const inline = page.getByTestId("inline-compare");
  await inline.waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector("[data-testid=inline-compare]")!.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  expect(await inline.locator(".feature-chart").count()).toBe(1);
  await page.screenshot({ path: path.join(SHOTS, "permalink-phone.png"), fullPage: false });
  await expectNoAxeViolations(page, "permalink-phone");
  await page.context().close();
});

test("a compared pick follows the window: narrowed to a phone's width, its chart moves under its row", async () => {
  const page = await newPage("desktop");
  await compareOnResults(page, 2);
  await page.locator("[aria-labelledby=explain-title] .feature-chart").waitFor();
  expect(await page.getByTestId("inline-compare").count()).toBe(0);
  await page.setViewportSize(VIEWPORTS.phone);
  await page.getByTestId("inline-compare").locator(".feature-chart").waitFor();
  expect(await page.locator("[aria-labelledby=explain-title] .feature-chart").count()).toBe(0);
  await page.context().close();
});

test("not found: the search form is open, the wording is for listeners", async () => {
  for (const viewport of ["desktop", "phone"] as const) {
    const page = await newPage(viewport);
    await page.goto(`${server.url}/results?title=${encodeURIComponent("Qwzxv Plonkety")}&artist=${encodeURIComponent("Nobody Zyx")}`);
    await page.locator("[data-error-code=song_not_found]").waitFor();
    expect(await page.locator("details.search-again").getAttribute("open")).not.toBeNull();
    expect(await page.getByLabel("Song title or Spotify link").isVisible()).toBe(true);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/SPOTIFY_|CLIENT_ID|CLIENT_SECRET/);
    expect(text).toContain("Check the spelling");
    await page.screenshot({ path: path.join(SHOTS, `not-found-${viewport}.png`), fullPage: true });
    await expectNoAxeViolations(page, `not-found-${viewport}`);
    await page.context().close();
  }
});

test("every script a page loads comes from the build's Brotli copy, with V8's compile hint first (the build's last steps)", async () => {
  const page = await newPage("phone");
  const scriptUrls: string[] = [];
  const encodings = new Set<string | undefined>();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scriptUrls.push(response.url());
    encodings.add(response.headers()["content-encoding"]);
  });
  await page.goto(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`, { waitUntil: "networkidle" });
  expect(scriptUrls.length).toBeGreaterThan(3);
  expect([...encodings]).toEqual(["br"]); // Next itself would gzip each one again
  for (const url of scriptUrls) {
    const body = await (await page.request.get(url)).text();
    expect({ url, start: body.slice(0, 29) }).toEqual({ url, start: "//# allFunctionsCalledOnLoad\n" });
  }
  await page.context().close();
});

test("no secret and no server code reaches the browser", async () => {
  const staticDir = path.join(WEB_DIR, ".next", "static");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".js")) files.push(p);
    }
  };
  walk(staticDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const marker of [
      "SPOTIFY_CLIENT_SECRET",
      "SPOTIFY_CLIENT_ID",
      "DATABASE_URL",
      "PrismaClient",
      "@electric-sql/pglite",
      "accounts.spotify.com",
    ]) {
      if (text.includes(marker)) throw new Error(`${path.relative(WEB_DIR, file)} contains ${marker}`);
    }
  }
});
