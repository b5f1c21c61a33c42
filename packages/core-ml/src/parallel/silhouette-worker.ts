// Worker side of the parallel silhouette: adds the pair distances of its range of rows into its own k × n sums and
// posts them back (transferred, not copied).
import { parentPort } from "node:worker_threads";
import { addPairDistances } from "../silhouette";
import type { TPairRangeReply, TPairRangeRequest } from "./silhouette-protocol";

if (!parentPort) throw new Error("silhouette-worker must run in a worker thread");
const port = parentPort;
port.on("message", (msg: TPairRangeRequest) => {
  try {
    const k = msg.start.length - 1;
    const towards = new Float64Array(k * msg.n);
    const grouping = { grouped: new Float64Array(msg.grouped), order: new Int32Array(0), start: msg.start, n: msg.n, d: msg.d, k };
    addPairDistances(grouping, msg.pFrom, msg.pTo, towards);
    const reply: TPairRangeReply = { job: msg.job, towards };
    port.postMessage(reply, [towards.buffer as ArrayBuffer]);
  } catch (e) {
    const reply: TPairRangeReply = { job: msg.job, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
