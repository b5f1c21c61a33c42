// The main thread's end of the embedded database's own thread (worker.mjs): starts it, sends it operations and
// matches the answers. Why a thread: on PGlite every query's PostgreSQL work (WebAssembly) ran on the server's
// request thread; a stored recommendation cost 4.3 ms of that thread's CPU, two thirds of the whole POST (web
// README, "Throughput"). In its own thread it runs on the second core while requests go on.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { findRepoRoot } from "../../env";

type TAnswer = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: TSerializedError };
type TSerializedError = { name: string; message: string; cause?: Record<string, unknown>; code?: string };
type TPending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type TCall = { id: number; op: string } & Record<string, unknown>;

/** worker.mjs, found from the repository root: bundled server code has no reliable path of its own. */
export function pgliteWorkerFile(): string {
  const file = path.join(findRepoRoot(), "packages", "db", "src", "client", "pglite-thread", "worker.mjs");
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    throw new Error(`The embedded database's thread entry ${file} is missing; run from the Anisong repository.`);
  }
  return file;
}

/** Rebuilds an error from the thread: DriverAdapterError keeps its name and cause, which is how Prisma knows it. */
function reviveError(serialized: TSerializedError): Error {
  const error = new Error(serialized.message, serialized.cause ? { cause: serialized.cause } : undefined);
  error.name = serialized.name;
  if (serialized.code) Object.assign(error, { code: serialized.code });
  return error;
}

export class PGliteThread {
  private readonly pending = new Map<number, TPending>();
  private nextId = 1;
  /** Calls made in this turn of the event loop, sent together at its end (see call()). */
  private outbox: TCall[] = [];
  private exitError: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    onExit: () => void,
  ) {
    worker.on("message", (answers: TAnswer | TAnswer[]) => {
      for (const answer of Array.isArray(answers) ? answers : [answers]) this.settle(answer);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      this.fail(new Error(`PGlite is closed: the database thread exited (code ${code}).`));
      onExit();
    });
    // Idle, the thread must not keep a finished script alive; a call in flight refs it again (call()).
    worker.unref();
  }

  /**
   * Starts the thread on `dataDir` and waits until PGlite is open (its errors surface here). `onExit` runs once
   * the thread has ended, closed or crashed; calls in flight then fail as "PGlite is closed".
   */
  static async open(options: {
    dataDir: string;
    /** appended to PGlite's default start parameters (PGlite is imported only in the thread) */
    extraStartParams: string[];
    onExit?: () => void;
  }): Promise<PGliteThread> {
    // Reflect.construct: Turbopack tries to bundle the entry of any `new Worker(…)` it sees and fails on a path
    // known only at run time; this entry is meant to be loaded by Node as it is.
    const worker: Worker = Reflect.construct(Worker, [
      pgliteWorkerFile(),
      {
        workerData: { dataDir: options.dataDir, extraStartParams: options.extraStartParams },
        // The thread's own garbage is small and short-lived (protocol buffers, rows on their way out): a young
        // generation of 4 MB instead of V8's default keeps the idle server's memory down.
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      },
    ]);
    const thread = new PGliteThread(worker, options.onExit ?? (() => undefined));
    try {
      await thread.track(0);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return thread;
  }

  /** Runs `op` in the thread with `args`; resolves with its value or rejects with its (revived) error. */
  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const answer = this.track(id);
    // The calls of one turn of the event loop (a server under load answers many requests in one) go in one message,
    // sent once the turn's I/O callbacks have run; the thread answers in the same way. A message per call cost about
    // 0.01–0.02 ms of each side's CPU per call (web README, "Benchmark").
    if (this.outbox.push({ id, op, ...args }) === 1) setImmediate(() => this.flush());
    return answer as Promise<T>;
  }

  private flush(): void {
    const calls = this.outbox;
    this.outbox = [];
    if (!this.exitError) this.worker.postMessage(calls);
  }

  async close(): Promise<void> {
    if (this.exitError) return;
    await this.call("close").catch(() => undefined);
    this.exitError = new Error("PGlite is closed.");
    await this.worker.terminate();
  }

  /** Ends the thread at once, as a crash would: calls in flight fail. closePGlite is the orderly way. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private track(id: number): Promise<unknown> {
    if (this.exitError) return Promise.reject(this.exitError);
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private settle(answer: TAnswer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if (answer.ok) waiting.resolve(answer.value);
    else waiting.reject(reviveError(answer.error));
  }

  private fail(error: Error): void {
    this.exitError ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.exitError);
    this.pending.clear();
  }
}
