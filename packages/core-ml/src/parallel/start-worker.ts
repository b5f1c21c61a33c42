// Starts one worker thread on `<name>` next to this file, with this file's extension (.ts from source, .js when
// built). From TypeScript source (tsx, jest) the worker first registers tsx's require hook, so it can load .ts modules.
import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";

function startWorker(name: string): Worker {
  const ext = extname(__filename);
  const file = join(__dirname, `${name}${ext}`);
  if (ext !== ".ts") return new Worker(file);
  const hook = require.resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(file)});`, { eval: true });
}

/** Starts `threads` workers on `name` and waits until each runs (all are stopped if one fails to start). */
export async function startWorkers(name: string, threads: number): Promise<Worker[]> {
  const workers = Array.from({ length: threads }, () => startWorker(name));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once("online", resolve);
            w.once("error", reject);
          }),
      ),
    );
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  return workers;
}
