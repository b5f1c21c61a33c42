// End to end in headless Chromium against `next start` on a PGlite database filled by the real pipeline:
// like a pick, reload the permalink (still liked), change it to "Not for me", and vote with the keyboard
// only (Tab, Space, Enter; pressing the pressed button again takes the vote back). No CSP violation.
// Screenshots at 1280x800 and 390x844 go to artifacts/screenshots.
import fs from "node:fs";
import path from "node:path";
import { type Browser, type Locator, type Page } from "playwright-core";
import { collectCspViolations, launchChromium, VIEWPORTS } from "./support/browser";
import { findRepoRoot } from "@anisong/db";
import { ensureBuilt, startNextServer, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(600_000);

const SHOTS = path.join(findRepoRoot(), "artifacts", "screenshots");

let database: TPreparedDatabase;
let server: TNextServer;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("pglite");
  server = await startNextServer({ ...database.env, ANISONG_PROVIDERS: "catalog" });
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 1_200_000); // a guard: next build (when sources changed) and the real pipeline, on a shared machine

afterEach(() => {
  expect(problems).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function newPage(viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: "en-GB" });
  const page = await context.newPage();
  collectCspViolations(page, problems);
  page.on("pageerror", (error) => problems.push(error.message));
  return page;
}

const pressed = (button: Locator) => button.getAttribute("aria-pressed");
const feedbackSaved = (page: Page, method: "PUT" | "DELETE") =>
  page.waitForResponse((r) => /\/items\/[^/]+\/feedback$/.test(r.url()) && r.request().method() === method && r.status() === 200);

test("like a pick, reload the permalink, change it, and vote with the keyboard only", async () => {
  const page = await newPage("desktop");
  await page.goto(`${server.url}/results?title=Levitating&artist=${encodeURIComponent("Dua Lipa")}`);
  await page.waitForURL(/\/recommendations\/[0-9a-f-]{36}$/);
  const permalink = page.url();
  const id = permalink.split("/").at(-1)!;
  const rows = page.getByTestId("recommendation-row");
  await rows.first().waitFor();

  // The visitor cookie came with the recommendation: first-party, httpOnly, SameSite=Lax, no personal data.
  const [cookie] = await page.context().cookies(server.url);
  expect(cookie).toMatchObject({ name: "anisong_visitor", httpOnly: true, sameSite: "Lax" });
  expect(cookie!.value).toMatch(/^[0-9a-f-]{36}$/);

  const first = rows.first();
  const like = first.getByRole("button", { name: /^Like / });
  const dislike = first.getByRole("button", { name: /^Not for me / });
  expect(await pressed(like)).toBe("false");
  expect(await first.getByRole("group").getAttribute("aria-label")).toMatch(/^Your verdict on /);
  await Promise.all([feedbackSaved(page, "PUT"), like.click()]);
  expect(await pressed(like)).toBe("true");

  await page.reload();
  await rows.first().waitFor();
  expect(await pressed(like)).toBe("true");
  expect(await pressed(dislike)).toBe("false");

  await Promise.all([feedbackSaved(page, "PUT"), dislike.click()]);
  expect(await pressed(dislike)).toBe("true");
  expect(await pressed(like)).toBe("false");
  await page.reload();
  await rows.first().waitFor();
  expect(await pressed(dislike)).toBe("true");

  // Keyboard only on the second pick: Tab from the first row's Spotify link walks the second row's buttons (Play and
  // the steering buttons come first) to its "Like".
  const second = rows.nth(1);
  await first.getByRole("link", { name: /Spotify/ }).focus();
  const secondLike = second.getByRole("button", { name: /^Like / });
  const secondDislike = second.getByRole("button", { name: /^Not for me / });
  const focused = (button: typeof secondLike) => button.evaluate((el) => el === document.activeElement);
  for (let tabs = 0; tabs < 6 && !(await focused(secondLike)); tabs++) await page.keyboard.press("Tab");
  expect(await focused(secondLike)).toBe(true);
  await Promise.all([feedbackSaved(page, "PUT"), page.keyboard.press("Space")]);
  expect(await pressed(secondLike)).toBe("true");
  await page.keyboard.press("Tab");
  expect(await secondDislike.evaluate((el) => el === document.activeElement)).toBe(true);
  await Promise.all([feedbackSaved(page, "PUT"), page.keyboard.press("Enter")]);
  expect(await pressed(secondDislike)).toBe("true");
  expect(await pressed(secondLike)).toBe("false");
  await page.screenshot({ path: path.join(SHOTS, "pick-feedback-desktop.png"), fullPage: false });
  await Promise.all([feedbackSaved(page, "DELETE"), page.keyboard.press("Enter")]); // pressed again: undone
  expect(await pressed(secondDislike)).toBe("false");

  // What the server stored, read through the API the permalink uses.
  const stored = await (await page.request.get(`${server.url}/api/recommendations/${id}`)).json();
  expect(stored.items.slice(0, 3).map((i: { vote: string | null }) => i.vote)).toEqual(["dislike", null, null]);
  await page.context().close();

  const phone = await newPage("phone");
  await phone.goto(permalink);
  await phone.getByTestId("recommendation-row").first().waitFor();
  expect(
    await pressed(
      phone
        .getByTestId("recommendation-row")
        .first()
        .getByRole("button", { name: /^Not for me / }),
    ),
  ).toBe("true");
  // The buttons stack in the narrow actions column: no horizontal scrolling at phone width.
  const overflow = await phone.evaluate(() =>
    [document.documentElement, document.querySelector(".table-scroll")!].map((el) => el.scrollWidth - el.clientWidth),
  );
  expect(overflow).toEqual([0, 0]);
  await phone.screenshot({ path: path.join(SHOTS, "pick-feedback-phone.png"), fullPage: false });
  await phone.context().close();
});
