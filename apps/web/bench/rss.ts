// Resident memory of a process and its descendants, read from /proc (Linux): `next start` may serve from
// a child process, so the whole tree is summed.
import fs from "node:fs";

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // the process ended meanwhile
  }
  for (const tid of tasks) {
    try {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

function vmRssBytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every descendant of `pid` (children, their children, …). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const stack = children(pid);
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...children(p));
  }
  return out;
}

/** VmRSS summed over `pid` and every descendant. */
export function treeRssBytes(pid: number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) total += vmRssBytes(p);
  return total;
}

/** Samples the tree's RSS every `everyMs` until stopped; returns the peak and the median sample. */
export function sampleRss(pid: number, everyMs = 250): { stop(): { peakBytes: number; medianBytes: number; samples: number } } {
  const samples: number[] = [treeRssBytes(pid)];
  const timer = setInterval(() => samples.push(treeRssBytes(pid)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(treeRssBytes(pid));
      const sorted = [...samples].sort((a, b) => a - b);
      return { peakBytes: sorted[sorted.length - 1]!, medianBytes: sorted[sorted.length >> 1]!, samples: samples.length };
    },
  };
}
