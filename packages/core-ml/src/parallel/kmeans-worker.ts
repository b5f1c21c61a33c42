// Worker side of the parallel k-means: runs the restarts the pool hands it on the shared matrix and posts each result
// back (centroids and labels transferred, not copied).
import { parentPort } from "node:worker_threads";
import { kmeansRestart, type TKMeansPlan } from "../kmeans";
import type { TRestartReply, TRestartRequest } from "./protocol";

if (!parentPort) throw new Error("kmeans-worker must run in a worker thread");
const port = parentPort;
port.on("message", (msg: TRestartRequest) => {
  const data = new Float64Array(msg.data);
  let reply: TRestartReply;
  try {
    const plan: TKMeansPlan = msg.plan;
    const r = kmeansRestart(data, msg.n, msg.d, plan, msg.run);
    reply = { job: msg.job, run: msg.run, inertia: r.inertia, iterations: r.iterations, centroids: r.centroids, labels: r.labels };
    port.postMessage(reply, [r.centroids.buffer as ArrayBuffer, r.labels.buffer as ArrayBuffer]);
  } catch (e) {
    reply = { job: msg.job, run: msg.run, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
