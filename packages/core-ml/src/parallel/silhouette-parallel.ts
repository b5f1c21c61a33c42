// The exact silhouette on worker threads (node:worker_threads; import it from "@anisong/core-ml/parallel"). The pairs
// are split into contiguous ranges of rows with about equal numbers of pairs; each worker sums its range's distances
// into its own k × n array, and the arrays are added in worker order. The result is deterministic for a thread count
// and equals the single-thread silhouetteSamplesFlat up to round-off (the per-cluster sums are added in another
// order; the test bounds the difference at 1e-12).
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { denseLabels, groupByCluster, pairBalancedRanges, silhouetteFromSums } from "../silhouette";
import { DimensionMismatchError, InvalidArgumentError } from "../errors";
import { toShared } from "./shared-buffer";
import type { TPairRangeReply, TPairRangeRequest } from "./silhouette-protocol";
import { startWorkers } from "./start-worker";

export interface TSilhouettePoolOptions {
  /** Worker threads. Default: os.availableParallelism(). */
  threads?: number;
}

/** A fixed set of silhouette worker threads; reuse it across calls to pay the thread start-up once. */
export class SilhouettePool {
  private nextJob = 0;
  private closed = false;

  private constructor(private readonly workers: Worker[]) {}

  static async create(opts: TSilhouettePoolOptions = {}): Promise<SilhouettePool> {
    const threads = opts.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) throw new InvalidArgumentError(`threads must be a positive integer, got ${threads}`);
    return new SilhouettePool(await startWorkers("silhouette-worker", threads));
  }

  get threads(): number {
    return this.workers.length;
  }

  /** silhouetteSamplesFlat with the pairs spread over the pool's threads. */
  async silhouetteSamplesFlat(data: Float64Array, n: number, d: number, labels: ArrayLike<number>): Promise<Float64Array> {
    if (this.closed) throw new InvalidArgumentError("the silhouette pool is closed");
    if (!Number.isInteger(n) || !Number.isInteger(d) || d < 1 || data.length !== n * d) {
      throw new DimensionMismatchError(n * d, data.length, `flat ${n} × ${d} matrix`);
    }
    const { dense, counts, k } = denseLabels(labels, n);
    const grouping = groupByCluster(data, n, d, dense, counts, k);
    const grouped = toShared(grouping.grouped);
    const job = this.nextJob++;
    const parts = await Promise.all(
      pairBalancedRanges(n, this.workers.length).map(([pFrom, pTo], i) =>
        this.run(this.workers[i]!, { job, grouped, start: grouping.start, n, d, pFrom, pTo }),
      ),
    );
    const towards = parts[0]!;
    for (const part of parts.slice(1)) for (let j = 0; j < towards.length; j++) towards[j]! += part[j]!;
    return silhouetteFromSums(grouping, counts, towards);
  }

  /** Mean silhouette over all samples, on the pool. */
  async silhouetteScoreFlat(data: Float64Array, n: number, d: number, labels: ArrayLike<number>): Promise<number> {
    const samples = await this.silhouetteSamplesFlat(data, n, d, labels);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += samples[i]!;
    return sum / n;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private run(worker: Worker, request: TPairRangeRequest): Promise<Float64Array> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: TPairRangeReply) => {
        if (reply.job !== request.job) return;
        worker.off("message", onMessage).off("error", onError);
        if (reply.error !== undefined) reject(new Error(`silhouette worker failed: ${reply.error}`));
        else resolve(reply.towards);
      };
      const onError = (e: Error) => {
        worker.off("message", onMessage).off("error", onError);
        reject(e);
      };
      worker.on("message", onMessage).on("error", onError);
      worker.postMessage(request);
    });
  }
}
