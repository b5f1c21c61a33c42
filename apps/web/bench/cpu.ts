// CPU time of a process and its descendants, read from /proc (Linux): user + system clock ticks of each process's
// stat line. Unlike req/s and latency, the CPU a request costs the server hardly moves with the machine's load.
import fs from "node:fs";
import { descendants } from "./rss";

/** Linux reports stat times in USER_HZ ticks, 100 per second on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses ("next-server (v16…)"): count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** User + system CPU seconds used so far by `pid` and every descendant. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...descendants(pid)]) ticks += cpuTicks(p);
  return ticks / TICKS_PER_SECOND;
}
