// `pnpm --filter @anisong/web trace-page [home|results|permalink] [loads]`: loads one page in Debian's Chromium at
// Lighthouse's phone size, traced, and prints what blocks its main thread (trace-summary.ts). Lighthouse says how
// long the main thread was blocked; this says by what, and how much of it was waiting rather than working.
// The server is the bench's: a filled throwaway PGlite folder, the catalog provider, the write limit lifted.
import { chromium } from "playwright-core";
import { ensureBuilt, startNextServer } from "../test/support/next-server";
import { prepareDatabase } from "../test/support/prepare-database";
import { BENCH_CHROMIUM_FLAGS, CHROMIUM_PATH } from "./lighthouse";
import { summarizeTrace, type TTraceEvent } from "./trace-summary";

const PAGES = ["home", "results", "permalink"] as const;
const CATEGORIES = [
  "blink.user_timing",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink",
  "fonts",
  "loading",
  "v8",
  "toplevel",
];
/** Lighthouse's default mobile screen (a Moto G Power). */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

async function main(): Promise<void> {
  const page = (process.argv[2] ?? "permalink") as (typeof PAGES)[number];
  const loads = Number(process.argv[3] ?? 3);
  if (!PAGES.includes(page) || !(loads >= 1)) throw new Error(`usage: trace-page [${PAGES.join("|")}] [loads ≥ 1]`);
  ensureBuilt((line) => console.log(line));
  const database = await prepareDatabase("pglite");
  const server = await startNextServer({
    ...database.env,
    ANISONG_PROVIDERS: "catalog",
    ANISONG_WRITE_RATE_PER_MINUTE: "100000000",
    ANISONG_WRITE_RATE_BURST: "100000000",
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_FLAGS });
  try {
    const res = await fetch(`${server.url}/api/recommendations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Levitating", artist: "Dua Lipa", topN: 10 }),
    });
    if (res.status !== 201) throw new Error(`warm-up recommendation answered ${res.status}`);
    const id = ((await res.json()) as { id: string }).id;
    const path = { home: "/", results: "/results?title=Levitating&artist=Dua%20Lipa", permalink: `/recommendations/${id}` }[page];
    await fetch(server.url + path); // the server's own first render is not the page's
    for (let i = 1; i <= loads; i++) {
      const context = await browser.newContext(PHONE);
      const tab = await context.newPage();
      await browser.startTracing(tab, { categories: CATEGORIES });
      await tab.goto(server.url + path, { waitUntil: "networkidle" });
      const paints = await tab.evaluate(() => performance.getEntriesByType("paint").map((p) => `${p.name} ${Math.round(p.startTime)} ms`));
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TTraceEvent[] };
      await context.close();
      const { tasks, layout } = summarizeTrace(trace.traceEvents, { minTaskMs: 12.5 });
      console.log(`\n${page}, load ${i}: ${paints.join(", ")}`);
      console.table(tasks);
      if (layout) {
        const { otherThreads, ...rest } = layout;
        console.log("longest layout task:", rest);
        console.table(otherThreads);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
