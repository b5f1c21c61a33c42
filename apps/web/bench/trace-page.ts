// `pnpm --filter @anisong/web trace-page [home|results|permalink] [loads]`: loads one page in Debian's Chromium at
// Lighthouse's phone size, traced, and prints what blocks its main thread (trace-summary.ts). Lighthouse says how
// long the main thread was blocked; this says by what, and how much of it was waiting rather than working.
// The server is the bench's: a filled throwaway PGlite folder, the catalog provider, the write limit lifted.
import { chromium } from "playwright-core";
import { benchPages, createBenchRecommendation, startBenchServer, type TBenchPage } from "./bench-server";
import { BENCH_CHROMIUM_FLAGS, CHROMIUM_PATH } from "./lighthouse";
import { summarizeTrace, type TTraceEvent } from "./trace-summary";

const PAGES: TBenchPage["name"][] = ["home", "results", "permalink"];
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
  const page = (process.argv[2] ?? "permalink") as TBenchPage["name"];
  const loads = Number(process.argv[3] ?? 3);
  if (!PAGES.includes(page) || !(loads >= 1)) throw new Error(`usage: trace-page [${PAGES.join("|")}] [loads ≥ 1]`);
  const bench = await startBenchServer({ database: "pglite", log: (line) => console.log(line) });
  const { server } = bench;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_FLAGS });
  try {
    const id = await createBenchRecommendation(server.url);
    const { path } = benchPages(id).find((p) => p.name === page)!;
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
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
