// Reads a Chromium trace of one page load (playwright-core's tracing) into what the mobile Lighthouse rows turn on:
// the renderer main thread's tasks with their wall and CPU time (Lighthouse's simulation scales the wall time),
// and, for the longest task that lays the document out, how much of it waited on font IPC and what else kept the
// machine's cores busy meanwhile. Pure: trace-page.ts does the browsing.

export type TTraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string; isLoadingMainFrame?: boolean } };
};

export type TMainTask = { startMs: number; wallMs: number; cpuMs: number; work: string };
export type TLayoutWait = {
  startMs: number;
  wallMs: number;
  cpuMs: number;
  /** synchronous IPCs for each font strike's rendering settings (Chromium on Linux) */
  fontStrikeIpcs: number;
  fontStrikeWaitMs: number;
  familyLookups: number;
  /** CPU time of the other threads during the task, busiest first */
  otherThreads: { thread: string; cpuMs: number }[];
};
export type TTraceSummary = { tasks: TMainTask[]; layout: TLayoutWait | null };

const WORK_KINDS: Record<string, string> = {
  Layout: "layout",
  UpdateLayoutTree: "style",
  EvaluateScript: "script",
  "v8.callFunction": "script",
  FunctionCall: "script",
  ParseHTML: "parse",
  Paint: "paint",
  MajorGC: "gc",
  MinorGC: "gc",
};
const FONT_STRIKE_IPC = "WebSandboxSupportLinux::GetWebFontRenderStyleForStrike";
const FAMILY_LOOKUP = "FontDataManager::onMatchFamilyStyle";
const ms = (us: number) => Math.round(us / 100) / 10;

/**
 * A process's name as Chromium's trace gives it: "Browser", "Renderer", …, except a renderer of Chromium's own UI
 * (the omnibox popup's WebUI), which the trace names by its whole command line (over 2,000 characters).
 */
export function processLabel(name: string): string {
  const type = /\s--type=([a-z-]+)/.exec(name)?.[1];
  if (!type) return name;
  const label = type.charAt(0).toUpperCase() + type.slice(1);
  return name.includes("--top-chrome-webui") ? `${label} (Chromium's own UI)` : label;
}

/** `minTaskMs`: main-thread tasks shorter than this are left out of `tasks` (Lighthouse counts tasks over 50 ms ÷ 4). */
export function summarizeTrace(events: TTraceEvent[], options: { minTaskMs: number }): TTraceSummary {
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== "M") continue;
    if (e.name === "thread_name") threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
    if (e.name === "process_name") processNames.set(e.pid, processLabel(e.args?.name ?? ""));
  }
  const start = events.find(
    (e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith("http"),
  );
  if (!start) return { tasks: [], layout: null };
  const main = `${start.pid}:${start.tid}`;
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.ts >= start.ts);
  const within = (outer: TTraceEvent, e: TTraceEvent) => e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);

  const runTasks = onMain.filter((e) => e.name === "RunTask");
  const tasks = runTasks
    .filter((t) => (t.dur ?? 0) >= options.minTaskMs * 1000)
    .map((t) => {
      // Only the outermost piece of work counts: a script's FunctionCall sits inside its v8.callFunction.
      const work = new Map<string, number>();
      let coveredUntil = -Infinity;
      const pieces = onMain.filter((e) => WORK_KINDS[e.name] && within(t, e)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
      for (const e of pieces) {
        if (e.ts < coveredUntil) continue;
        coveredUntil = e.ts + (e.dur ?? 0);
        const kind = WORK_KINDS[e.name]!;
        work.set(kind, (work.get(kind) ?? 0) + (e.dur ?? 0));
      }
      const top = [...work].sort((a, b) => b[1] - a[1]).map(([kind, us]) => `${kind} ${ms(us)}`);
      return { startMs: ms(t.ts - start.ts), wallMs: ms(t.dur ?? 0), cpuMs: ms(t.tdur ?? 0), work: top.join(", ") };
    });

  const layoutTasks = runTasks.filter((t) => onMain.some((e) => e.name === "Layout" && within(t, e)));
  const longest = layoutTasks.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  if (!longest) return { tasks, layout: null };
  const inLongest = onMain.filter((e) => within(longest, e));
  const strikes = inLongest.filter((e) => e.name === FONT_STRIKE_IPC);
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (key === main || e.ph !== "X" || !e.tdur || !/^(RunTask|ThreadPool_RunTask)$/.test(e.name)) continue;
    if (e.ts + (e.dur ?? 0) < longest.ts || e.ts > longest.ts + (longest.dur ?? 0)) continue;
    const thread = `${processNames.get(e.pid) ?? e.pid} / ${threadNames.get(key) ?? e.tid}`;
    busy.set(thread, (busy.get(thread) ?? 0) + e.tdur);
  }
  return {
    tasks,
    layout: {
      startMs: ms(longest.ts - start.ts),
      wallMs: ms(longest.dur ?? 0),
      cpuMs: ms(longest.tdur ?? 0),
      fontStrikeIpcs: strikes.length,
      fontStrikeWaitMs: ms(strikes.reduce((sum, e) => sum + (e.dur ?? 0), 0)),
      familyLookups: inLongest.filter((e) => e.name === FAMILY_LOOKUP).length,
      otherThreads: [...busy]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([thread, us]) => ({ thread, cpuMs: ms(us) })),
    },
  };
}
