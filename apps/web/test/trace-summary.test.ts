import { processLabel, summarizeTrace, type TTraceEvent } from "../bench/trace-summary";

const meta = (name: string, pid: number, tid: number, value: string): TTraceEvent => ({
  name,
  ph: "M",
  pid,
  tid,
  ts: 0,
  args: { name: value },
});
const x = (name: string, pid: number, tid: number, ts: number, dur: number, tdur?: number): TTraceEvent => ({
  name,
  ph: "X",
  pid,
  tid,
  ts,
  dur,
  tdur,
});
const STRIKE = "WebSandboxSupportLinux::GetWebFontRenderStyleForStrike";

// A renderer (pid 1: main thread 1, pool thread 2) and the browser (pid 2); times in µs, as Chromium writes them.
const events: TTraceEvent[] = [
  meta("process_name", 1, 0, "Renderer"),
  meta("process_name", 2, 0, "Browser"),
  meta("thread_name", 1, 1, "CrRendererMain"),
  meta("thread_name", 1, 2, "ThreadPoolForegroundWorker"),
  meta("thread_name", 2, 3, "CrBrowserMain"),
  x("RunTask", 1, 1, 900_000, 80_000, 70_000), // before the navigation: not the page's
  {
    name: "navigationStart",
    ph: "R",
    pid: 1,
    tid: 1,
    ts: 1_000_000,
    args: { data: { isLoadingMainFrame: true, documentLoaderURL: "http://127.0.0.1:3000/x" } },
  },
  x("RunTask", 1, 1, 1_100_000, 200_000, 50_000),
  x("UpdateLayoutTree", 1, 1, 1_101_000, 5_000, 5_000),
  x("Layout", 1, 1, 1_110_000, 150_000, 40_000),
  x(STRIKE, 1, 1, 1_120_000, 30_000, 100),
  x(STRIKE, 1, 1, 1_200_000, 10_000, 100),
  x("FontDataManager::onMatchFamilyStyle", 1, 1, 1_160_000, 2_000, 100),
  x("RunTask", 1, 1, 1_400_000, 40_000, 38_000),
  x("EvaluateScript", 1, 1, 1_400_500, 39_000, 37_000),
  x("v8.callFunction", 1, 1, 1_401_000, 30_000, 29_000), // inside the script's evaluation: counted once
  x("FunctionCall", 1, 1, 1_401_100, 29_000, 28_000),
  x("RunTask", 1, 1, 1_500_000, 5_000, 5_000), // under the 12.5 ms floor
  x("ThreadPool_RunTask", 1, 2, 1_150_000, 60_000, 55_000),
  x("RunTask", 2, 3, 1_120_000, 10_000, 8_000),
  x("RunTask", 2, 3, 2_000_000, 10_000, 9_000), // after the layout task
];

test("the main thread's tasks from the navigation on, with their wall and CPU time and what they did", () => {
  expect(summarizeTrace(events, { minTaskMs: 12.5 }).tasks).toEqual([
    { startMs: 100, wallMs: 200, cpuMs: 50, work: "layout 150, style 5" },
    { startMs: 400, wallMs: 40, cpuMs: 38, work: "script 39" },
  ]);
});

test("the longest layout task: its font-strike IPC waits and the threads busy meanwhile", () => {
  expect(summarizeTrace(events, { minTaskMs: 12.5 }).layout).toEqual({
    startMs: 100,
    wallMs: 200,
    cpuMs: 50,
    fontStrikeIpcs: 2,
    fontStrikeWaitMs: 40,
    familyLookups: 1,
    otherThreads: [
      { thread: "Renderer / ThreadPoolForegroundWorker", cpuMs: 55 },
      { thread: "Browser / CrBrowserMain", cpuMs: 8 },
    ],
  });
});

test("a trace without the page's navigation gives nothing rather than another page's tasks", () => {
  expect(
    summarizeTrace(
      events.filter((e) => e.name !== "navigationStart"),
      { minTaskMs: 12.5 },
    ),
  ).toEqual({ tasks: [], layout: null });
});

test("a process named by its command line is named by its type", () => {
  const webUi = "/usr/lib/chromium/chromium --type=renderer --top-chrome-webui --no-sandbox --lang=en-US --renderer-client-id=9";
  expect(processLabel(webUi)).toBe("Renderer (Chromium's own UI)");
  expect(processLabel("/usr/lib/chromium/chromium --type=utility --utility-sub-type=network.mojom.NetworkService")).toBe("Utility");
  expect(processLabel("Renderer")).toBe("Renderer");
  expect(processLabel("GPU Process")).toBe("GPU Process");
  expect(processLabel("/usr/lib/chromium/chromium --type= --lang=en-US")).toBe("/usr/lib/chromium/chromium --type= --lang=en-US");
});
