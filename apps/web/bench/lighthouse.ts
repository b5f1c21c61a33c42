// Lighthouse (the npm package) against pages of a running server, driving Debian's Chromium: never a
// downloaded browser. Performance category only; mobile is Lighthouse's default (simulated slow 4G and a
// 4× CPU slowdown), desktop its desktop config. Each page is measured `runs` times and the median is kept.
import * as chromeLauncher from "chrome-launcher";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The flags the bench launches Chromium with (Lighthouse adds chrome-launcher's defaults; trace-page.ts uses these alone). */
export const BENCH_CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

export type TFormFactor = "mobile" | "desktop";

export type TLighthouseRun = {
  score: number;
  tbtMs: number;
  lcpMs: number;
  cls: number;
  /** Main-thread work in the trace (script evaluation, layout, …), before throttling. */
  mainThreadMs: number;
  /** Scripts the page loaded, as transferred (compressed) and decoded. */
  scripts: number;
  scriptTransferBytes: number;
  scriptResourceBytes: number;
  /** Lighthouse's own CPU yardstick for this machine at that moment: lower = busier machine. */
  benchmarkIndex: number;
};

export type TLighthouseResult = TLighthouseRun & { runs: TLighthouseRun[] };

type TNetworkItem = { resourceType?: string; transferSize?: number; resourceSize?: number };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median of each figure over the runs (each figure's own median, so they may come from different runs). */
function medianRun(runs: TLighthouseRun[]): TLighthouseRun {
  const keys = Object.keys(runs[0]!) as (keyof TLighthouseRun)[];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as TLighthouseRun;
}

export async function withChromium<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: BENCH_CHROMIUM_FLAGS, logLevel: "error" });
  try {
    return await fn(chrome.port);
  } finally {
    await chrome.kill();
  }
}

export async function measurePage(options: {
  port: number;
  url: string;
  formFactor: TFormFactor;
  runs: number;
}): Promise<TLighthouseResult> {
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const runs: TLighthouseRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const result = await lighthouse(
      options.url,
      { port: options.port, output: "json", logLevel: "error", onlyCategories: ["performance"] },
      options.formFactor === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${options.url}`);
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse ${options.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const network = ((lhr.audits["network-requests"]?.details as { items?: TNetworkItem[] } | undefined)?.items ?? []).filter(
      (item) => item.resourceType === "Script",
    );
    runs.push({
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      tbtMs: audit("total-blocking-time"),
      lcpMs: audit("largest-contentful-paint"),
      cls: audit("cumulative-layout-shift"),
      mainThreadMs: audit("mainthread-work-breakdown"),
      scripts: network.length,
      scriptTransferBytes: network.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
      scriptResourceBytes: network.reduce((sum, item) => sum + (item.resourceSize ?? 0), 0),
      benchmarkIndex: lhr.environment.benchmarkIndex,
    });
  }
  return { ...medianRun(runs), runs };
}
