// Steering in the browser (headless Chromium against `next start` on a pipeline-filled PGlite folder, the library
// first as the app's default resolver order): seeds and "not like this" from a pick's row, per-feature targets,
// diversity, load more, the Spotify embed player (nothing requested from Spotify before Play) and the exports.
// axe-core checks every page state at both viewports; the screenshots of the Tune panel go to artifacts/screenshots.
import fs from "node:fs";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { collectCspViolations, launchChromium, VIEWPORTS } from "./support/browser";
import { findRepoRoot } from "@anisong/db";
import { expectNoAxeViolations } from "./support/axe";
import { ensureBuilt, startNextServer, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(600_000);

const SHOTS = path.join(findRepoRoot(), "artifacts", "screenshots");
const LEVITATING = "5nujrmhLynf4yMoMtj8AQF";

type TItem = { trackId: string; title: string; artists: string[]; features: Record<string, number>; spotifyUrl: string };
type TRec = {
  id: string;
  items: TItem[];
  options: { seeds: { trackId: string }[]; avoid: { trackId: string }[]; targets: object; maxPerArtist: number; variety: number | null };
};

let database: TPreparedDatabase;
let server: TNextServer;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("pglite");
  server = await startNextServer({
    ...database.env,
    ANISONG_PROVIDERS: "library,catalog",
    SPOTIFY_CLIENT_ID: "",
    SPOTIFY_CLIENT_SECRET: "",
  });
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterEach(() => expect(cspViolations).toEqual([]));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function newPage(viewport: keyof typeof VIEWPORTS, permissions: string[] = []): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: "en-GB", acceptDownloads: true });
  if (permissions.length) await context.grantPermissions(permissions, { origin: server.url });
  const page = await context.newPage();
  collectCspViolations(page, cspViolations);
  return page;
}

const idOf = (page: Page) => /\/recommendations\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? null;

/** Waits until the address bar shows a permalink other than `previous`, and returns its stored list. */
async function nextList(page: Page, previous: string | null): Promise<TRec> {
  await page.waitForURL((url) => /\/recommendations\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(previous ?? "-"));
  const id = idOf(page)!;
  await page.locator(`[data-recommendation-id="${id}"]`).waitFor();
  const res = await page.request.get(`${server.url}/api/recommendations/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as TRec;
}

const mean = (items: TItem[], feature: string) => items.reduce((s, i) => s + i.features[feature]!, 0) / items.length;
const rowTitles = (page: Page) => page.getByTestId("recommendation-row").locator(".title-cell").allTextContents();

test("seeds and negative seeds from a pick's row; the permalink keeps them", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/results?title=Levitating&artist=Dua%20Lipa`);
  const first = await nextList(page, null);
  expect(first.options.seeds.map((s) => s.trackId)).toEqual([LEVITATING]);
  await expectNoAxeViolations(page, "results with the Tune panel (desktop)");

  // "More like this" on the second pick: it becomes a seed, the list is made again without it.
  const second = first.items[1]!;
  await page.getByTestId("recommendation-row").nth(1).getByTestId("more-like-this").click();
  const seeded = await nextList(page, first.id);
  expect(seeded.options.seeds.map((s) => s.trackId)).toEqual([LEVITATING, second.trackId]);
  expect(seeded.items.map((i) => i.trackId)).not.toContain(second.trackId);
  // The closed panel says what changed; its options, rendered only while open, list the new seed.
  await expect(page.getByTestId("tune-panel").locator(".tune__summary").textContent()).resolves.toBe("2 seeds");
  await page.getByRole("button", { name: "Show options" }).click();
  await expect(page.getByTestId("seed-list").textContent()).resolves.toContain(second.title);
  expect(await page.locator(".feature-chart").getAttribute("data-seeds")).toBe("2"); // each seed beside the pick

  // "Not like this" on the new first pick.
  const avoided = seeded.items[0]!;
  await page.getByTestId("recommendation-row").first().getByTestId("not-like-this").click();
  const steered = await nextList(page, seeded.id);
  expect(steered.options.avoid.map((s) => s.trackId)).toEqual([avoided.trackId]);
  expect(steered.options.seeds).toHaveLength(2);
  expect(steered.items.map((i) => i.trackId)).not.toContain(avoided.trackId);
  await expect(page.getByTestId("avoid-list").textContent()).resolves.toContain(avoided.title);

  // The permalink is the state: a reload shows the same list and the same panel.
  await page.reload();
  await page.locator(`[data-recommendation-id="${steered.id}"]`).waitFor();
  await expect(page.getByTestId("avoid-list").textContent()).resolves.toContain(avoided.title);
  expect((await rowTitles(page))[0]).toContain(steered.items[0]!.title);
  await expectNoAxeViolations(page, "tuned permalink (desktop)");
  await page.context().close();
});

test("targets: 'more energy' gives a list with higher mean energy than the untuned one; the URL carries targets", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/results?track=${LEVITATING}`);
  const plain = await nextList(page, null);
  await page.getByRole("button", { name: "Show options" }).click();
  await page.getByTestId("target-energy").getByLabel("More").check();
  const more = await nextList(page, plain.id);
  expect(more.options.targets).toEqual({ energy: "more" });
  expect(mean(more.items, "energy")).toBeGreaterThan(mean(plain.items, "energy"));
  await expect(page.getByTestId("target-energy").getByLabel("More").isChecked()).resolves.toBe(true);

  // A results link with the tune in its query string makes the same request.
  await page.goto(`${server.url}/results?track=${LEVITATING}&energy=less`);
  const less = await nextList(page, more.id);
  expect(less.options.targets).toEqual({ energy: "less" });
  expect(mean(less.items, "energy")).toBeLessThan(mean(plain.items, "energy"));
  await page.goto(`${server.url}/results?track=${LEVITATING}&tempoMin=90&tempoMax=140`);
  const ranged = await nextList(page, less.id);
  expect(ranged.options).toMatchObject({ targets: {}, tempoRange: { min: 90, max: 140 } });
  expect(ranged.items.length).toBeGreaterThan(0);
  for (const item of ranged.items) expect(item.features.tempo).toBeGreaterThanOrEqual(90);
  for (const item of ranged.items) expect(item.features.tempo).toBeLessThanOrEqual(140);
  await expect(page.getByTestId("tempo-min").inputValue()).resolves.toBe("90");
  await page.context().close();
});

test("diversity: at most one song per artist and variety, by keyboard; no artist twice in all fifty", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/results?track=${LEVITATING}`);
  const plain = await nextList(page, null);
  await page.getByRole("button", { name: "Show options" }).click();
  await page.getByLabel("Songs per artist").selectOption("1");
  const capped = await nextList(page, plain.id);
  expect(capped.options.maxPerArtist).toBe(1);
  await page.getByLabel("Variety").focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  const varied = await nextList(page, capped.id);
  expect(varied.options).toMatchObject({ maxPerArtist: 1, variety: 0.5 });
  for (const list of [capped, varied]) {
    const leads = list.items.map((i) => i.artists[0]).filter(Boolean);
    expect(new Set(leads).size).toBe(leads.length);
  }
  await page.context().close();
});

test("load more: ten at a time up to fifty, without a request", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/results?track=${LEVITATING}`);
  const rec = await nextList(page, null);
  expect(rec.items).toHaveLength(50);
  const rows = page.getByTestId("recommendation-row");
  expect(await rows.count()).toBe(10);
  let posts = 0;
  page.on("request", (r) => (r.method() === "POST" ? posts++ : undefined));
  for (let shown = 20; shown <= 50; shown += 10) {
    await page.getByTestId("load-more").click();
    await expect(rows.count()).resolves.toBe(shown);
  }
  expect(await page.getByTestId("load-more").count()).toBe(0);
  expect(await page.getByTestId("shown-count").textContent()).toBe("Showing 50 of 50");
  expect((await rowTitles(page)).at(-1)).toContain(rec.items[49]!.title);
  expect(posts).toBe(0);
  await page.context().close();
});

test("play: one Spotify embed for the pick, nothing requested from Spotify before the click", async () => {
  const page = await newPage("desktop");
  const spotify: string[] = [];
  page.on("request", (r) => (new URL(r.url()).hostname.endsWith("spotify.com") ? spotify.push(r.url()) : undefined));
  await page.goto(`${server.url}/results?track=${LEVITATING}`);
  const rec = await nextList(page, null);
  expect(await page.locator("iframe").count()).toBe(0);
  expect(spotify).toEqual([]);

  await page.getByTestId("recommendation-row").first().getByTestId("play-button").click();
  const frame = page.locator("iframe");
  await frame.waitFor({ state: "attached" });
  expect(await frame.getAttribute("src")).toBe(`https://open.spotify.com/embed/track/${rec.items[0]!.trackId}`);
  expect(await frame.getAttribute("allow")).toBe("encrypted-media");
  expect(await frame.getAttribute("loading")).toBe("lazy");
  expect(await frame.getAttribute("title")).toContain(rec.items[0]!.title);

  // Another pick's Play replaces the player: still one frame.
  await page.getByTestId("recommendation-row").nth(2).getByTestId("play-button").click();
  await page.waitForFunction(
    (src) => document.querySelector("iframe")?.getAttribute("src") === src,
    `https://open.spotify.com/embed/track/${rec.items[2]!.trackId}`,
  );
  expect(await page.locator("iframe").count()).toBe(1);
  await page.context().close();
});

test("export: copy all links, download CSV and JSON that hold the list", async () => {
  const page = await newPage("desktop", ["clipboard-read", "clipboard-write"]);
  await page.goto(`${server.url}/results?track=${LEVITATING}`);
  const rec = await nextList(page, null);

  await page.getByRole("button", { name: /Copy all 50 links/ }).click();
  // The clipboard write is asynchronous: wait for the status to say something, then check what it says.
  await page.waitForFunction(() => !!document.querySelector('[data-testid="export-status"]')?.textContent);
  await expect(page.getByTestId("export-status").textContent()).resolves.toBe("Copied 50 Spotify links.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")).toEqual(rec.items.map((i) => i.spotifyUrl));

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toBe(`anisong-${rec.id}.csv`);
  const csv = fs
    .readFileSync((await csvDownload.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(csv).toHaveLength(51);
  rec.items.forEach((item, i) => expect(csv[i + 1]!.endsWith(`,${item.spotifyUrl},${item.trackId}`)).toBe(true));

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download JSON" }).click()]);
  const json = JSON.parse(fs.readFileSync((await jsonDownload.path())!, "utf8"));
  expect(json.items.map((i: TItem) => i.trackId)).toEqual(rec.items.map((i) => i.trackId));
  expect(json.options.seeds[0].trackId).toBe(LEVITATING);
  await page.context().close();
});

for (const viewport of ["desktop", "phone"] as const) {
  test(`the Tune panel at ${viewport} width: fits, reads, and passes axe`, async () => {
    const page = await newPage(viewport);
    await page.goto(`${server.url}/results?track=${LEVITATING}`);
    await nextList(page, null);
    await page.getByRole("button", { name: "Show options" }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectNoAxeViolations(page, `Tune panel open (${viewport})`);
    await page.getByTestId("tune-panel").screenshot({ path: path.join(SHOTS, `tune-panel-${viewport}.png`) });
    await page.screenshot({ path: path.join(SHOTS, `tuned-results-${viewport}.png`), fullPage: true });
    await page.context().close();
  });
}
