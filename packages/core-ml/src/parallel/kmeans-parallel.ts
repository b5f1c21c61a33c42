// k-means restarts on worker threads (node:worker_threads). Not part of the pure main entry: import it from
// "@anisong/core-ml/parallel". Each restart is the same computation as restart r of the single-thread kmeansFlat
// (its random draws start r × seedingDraws(k) into the seeded stream), and the winner is chosen by the same rule
// (lowest inertia, then lowest restart number), so the result does not depend on the thread count.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { InvalidArgumentError } from "../errors";
import { isBetterRestart, planKmeans, type TKMeansFlatResult, type TKMeansOptions, type TKMeansResult } from "../kmeans";
import { toFlatMatrix } from "../matrix";
import type { TRestartReply, TRestartRequest } from "./protocol";
import { toShared } from "./shared-buffer";
import { startWorkers } from "./start-worker";

export interface TKMeansPoolOptions {
  /** Worker threads. Default: os.availableParallelism(). */
  threads?: number;
}

/** A fixed set of k-means worker threads; reuse it across calls to pay the thread start-up once. */
export class KMeansPool {
  private readonly workers: Worker[];
  private nextJob = 0;
  private closed = false;

  private constructor(workers: Worker[]) {
    this.workers = workers;
  }

  /** Starts the workers and waits until each is running. */
  static async create(opts: TKMeansPoolOptions = {}): Promise<KMeansPool> {
    const threads = opts.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) throw new InvalidArgumentError(`threads must be a positive integer, got ${threads}`);
    return new KMeansPool(await startWorkers("kmeans-worker", threads));
  }

  get threads(): number {
    return this.workers.length;
  }

  /** kmeansFlat with the restarts spread over the pool's threads; the same result as kmeansFlat for the same options. */
  async kmeansFlat(data: Float64Array, n: number, d: number, k: number, opts: TKMeansOptions = {}): Promise<TKMeansFlatResult> {
    if (this.closed) throw new InvalidArgumentError("the k-means pool is closed");
    const plan = planKmeans(data, n, d, k, opts);
    const shared = toShared(data);
    const job = this.nextJob++;
    let best: TKMeansFlatResult | undefined;
    let bestRun = -1;
    let nextRun = 0;
    // Restarts take different numbers of iterations, so each worker pulls the next restart when it finishes one.
    const drive = (w: Worker) =>
      new Promise<void>((resolve, reject) => {
        const onMessage = (reply: TRestartReply) => {
          if (reply.job !== job) return;
          if (reply.error !== undefined) return finish(new Error(`k-means restart ${reply.run} failed: ${reply.error}`));
          const result = { centroids: reply.centroids, labels: reply.labels, inertia: reply.inertia, iterations: reply.iterations };
          if (isBetterRestart(result, reply.run, best, bestRun)) {
            best = result;
            bestRun = reply.run;
          }
          send();
        };
        const onError = (e: Error) => finish(e);
        const finish = (e?: Error) => {
          w.off("message", onMessage);
          w.off("error", onError);
          if (e) reject(e);
          else resolve();
        };
        const send = () => {
          if (nextRun >= plan.nInit) return finish();
          const request: TRestartRequest = { job, run: nextRun++, plan, data: shared, n, d };
          w.postMessage(request);
        };
        w.on("message", onMessage);
        w.on("error", onError);
        send();
      });
    await Promise.all(this.workers.map(drive));
    return best!;
  }

  /** kmeans (rows in, rows out) on the pool. */
  async kmeans(rows: number[][], k: number, opts: TKMeansOptions = {}): Promise<TKMeansResult> {
    if (rows.length === 0) throw new InvalidArgumentError("k-means needs at least one row");
    const m = toFlatMatrix(rows);
    const r = await this.kmeansFlat(m.data, m.rows, m.cols, k, opts);
    const centroids: number[][] = [];
    for (let c = 0; c < k; c++) centroids.push(Array.from(r.centroids.subarray(c * m.cols, (c + 1) * m.cols)));
    return { centroids, labels: Array.from(r.labels), inertia: r.inertia, iterations: r.iterations };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** One-off parallel kmeansFlat: starts a pool, runs, stops it. */
export async function kmeansFlatParallel(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  opts: TKMeansOptions & TKMeansPoolOptions = {},
): Promise<TKMeansFlatResult> {
  planKmeans(data, n, d, k, opts); // bad input fails here, before any thread starts
  // No more threads than restarts.
  const threads = opts.threads ?? availableParallelism();
  const pool = await KMeansPool.create({
    threads: Number.isInteger(threads) && threads > 0 ? Math.min(threads, opts.nInit ?? 10) : threads,
  });
  try {
    return await pool.kmeansFlat(data, n, d, k, opts);
  } finally {
    await pool.close();
  }
}
