// The demo traffic script against a real `next start` on a pipeline-filled PGlite database with an experiment
// running, then the Insights page in headless Chromium: the charts with their accessible names and table
// alternatives, the experiment comparison with the demo's figures, the CSV downloads, no CSP violation, no
// horizontal scrolling on a phone. Screenshots at 1280×800 and 390×844 go to apps/web/docs/screenshots.
import fs from "node:fs";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { collectCspViolations, launchChromium } from "./support/browser";
import { closePrismaClient, createPrismaClient, findActiveModelVersion, startExperiment } from "@anisong/db";
import { parseDemoArgs } from "../scripts/demo/demo-options";
import { runDemoTraffic, type TDemoSummary } from "../scripts/demo/run-demo-traffic";
import { ensureBuilt, startNextServer, WEB_DIR, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(900_000);

const SHOTS = path.join(WEB_DIR, "docs", "screenshots");
const VISITORS = 16;

let database: TPreparedDatabase;
let server: TNextServer;
let browser: Browser;
let summary: TDemoSummary;
const cspViolations: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("pglite");
  // The experiment is started before the server opens the PGlite folder (one process at a time).
  const db = await createPrismaClient(database.config);
  try {
    const modelId = (await findActiveModelVersion(db))!;
    const started = await startExperiment(db, {
      name: "signal-on-vs-off",
      minSilhouette: 0.2,
      variants: [
        { name: "a", modelId, feedbackSignal: false, weight: 1 },
        { name: "b", modelId, feedbackSignal: true, weight: 1 },
      ],
    });
    expect(started.status).toBe("started");
  } finally {
    await closePrismaClient(db);
  }
  server = await startNextServer({
    ...database.env,
    ANISONG_PROVIDERS: "library,catalog",
    ANISONG_WRITE_RATE_PER_MINUTE: "100000",
    ANISONG_WRITE_RATE_BURST: "100000",
  });
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: "en-GB", acceptDownloads: true })).newPage();
  collectCspViolations(page, cspViolations);
  return page;
}

test("the demo refuses a non-loopback URL and out-of-range counts before sending anything", () => {
  expect(() => parseDemoArgs(["--url", "http://192.168.1.10:3000"])).toThrow(/only a loopback address/);
  expect(() => parseDemoArgs(["--url", "http://127.0.0.1.example.com"])).toThrow(/only a loopback address/);
  expect(() => parseDemoArgs(["--visitors", "501"])).toThrow(/at most 500/);
  expect(() => parseDemoArgs(["--nope"])).toThrow(/unknown argument/);
  expect(parseDemoArgs(["--url=http://[::1]:3000", "--visitors", "3"])).toMatchObject({ url: "http://[::1]:3000", visitors: 3, seed: 1 });
  expect(parseDemoArgs(["--url", "http://localhost:8080"])).toMatchObject({ url: "http://localhost:8080", visitors: 40 });
});

test("simulated visitors recommend, rate and vote; both variants get traffic", async () => {
  summary = await runDemoTraffic({ url: server.url, visitors: VISITORS, seed: 7, maxSeconds: 600, concurrency: 2 });
  expect(summary).toMatchObject({ visitors: VISITORS, failures: 0, stoppedEarly: false });
  expect(summary.recommendations).toBeGreaterThanOrEqual(VISITORS);
  expect(summary.ratings).toBeGreaterThan(0);
  expect(summary.votes).toBeGreaterThan(0);
  // Each visitor keeps its cookie, so the experiment splits visitors (not requests) between a and b.
  expect(Object.keys(summary.byVariant).sort()).toEqual(["a", "b"]);
  const total = Object.values(summary.byVariant).reduce((s, v) => s + v.recommendations, 0);
  expect(total).toBe(summary.recommendations);

  const feedback = await fetch(`${server.url}/api/insights/feedback.csv`);
  expect(feedback.status).toBe(200);
  const lines = (await feedback.text()).trim().split("\r\n");
  expect(lines.length - 1).toBe(summary.votes);
});

test("Insights shows the demo's experiment, charts with accessible names, and the CSV downloads", async () => {
  const page = await newPage({ width: 1280, height: 800 });
  const response = await page.goto(`${server.url}/insights`);
  expect(response?.status()).toBe(200);

  // The experiment table: one row per variant with the demo's counts, and the verdict in words.
  const experiment = page.getByTestId("experiment");
  await experiment.waitFor();
  expect(await experiment.getByRole("heading", { name: /signal-on-vs-off/ }).count()).toBe(1);
  const table = experiment.getByRole("table", { name: /Variants of signal-on-vs-off/ });
  for (const [variant, t] of Object.entries(summary.byVariant)) {
    const row = table.getByRole("row", { name: new RegExp(`^${variant}\\b`) });
    const cells = await row.locator("td").allTextContents();
    expect(cells[1]).toBe(String(t.recommendations));
    expect(cells[2]).toBe(String(t.ratings));
    expect(cells[3]).toContain((t.starsSum / t.ratings).toFixed(2));
  }
  expect(await experiment.locator(".experiment__verdicts li").textContent()).toMatch(/b against a: (Yes|No|Not enough data)/);

  // Every chart is a figure named by its title, with its figures as a table too.
  for (const name of ["Ratings per day", "By cluster (active model)", "By song kinds chosen", "By feature source", "By steering option"]) {
    expect(await page.getByRole("figure", { name }).count()).toBe(1);
  }
  expect(await page.getByRole("img", { name: /Ratings per day/ }).count()).toBe(1);
  const daily = page.getByTestId("chart-daily");
  await daily.getByText("Show as table").click();
  const todayRow = daily.locator("tbody tr").last();
  expect(await todayRow.locator("td").first().textContent()).toBe(String(summary.ratings));
  expect(await page.getByTestId("chart-by-source").getByRole("img").getAttribute("aria-label")).toMatch(/n = \d+/);

  expect(await page.getByTestId("most-liked").locator("tbody tr").count()).toBeGreaterThanOrEqual(0);
  expect(await page.getByTestId("feedback-signal").textContent()).toMatch(/Overall like rate \d+ %/);
  // The client part still works: the cluster map and the comments arrive.
  await page.getByRole("img", { name: /Scatter plot of \d+ anime songs/ }).waitFor();

  for (const [name, file] of [
    ["Download all ratings (CSV)", "anisong-ratings.csv"],
    ["Download all pick feedback (CSV)", "anisong-feedback.csv"],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    expect(download.suggestedFilename()).toBe(file);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.split("\r\n").length - 2).toBe(file === "anisong-ratings.csv" ? summary.ratings : summary.votes);
  }
  await daily.getByText("Show as table").click(); // closed again for the screenshot
  await page.screenshot({ path: path.join(SHOTS, "insights-desktop.png"), fullPage: true });

  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(`${server.url}/insights`);
  await phone.getByRole("img", { name: /Scatter plot/ }).waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await phone.screenshot({ path: path.join(SHOTS, "insights-phone.png"), fullPage: true });
  expect(cspViolations).toEqual([]);
});
