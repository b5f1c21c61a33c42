// Batchable writes (run-batchable.ts) where PGlite's thread does not take them: a write made while an earlier batch
// of the same statement is on its way waits for it and goes in the next batch, with every other write that arrived
// meanwhile. One statement, one round trip and one commit (one WAL flush on PostgreSQL) then serve them all, and a
// lone write goes at once. A batch that fails is retried row by row, so one bad row fails only its own call.
// PGlite's thread batches the same way in worker.mjs (plain JavaScript, which cannot import this).

type TWaiter = { row: string; resolve: () => void; reject: (error: unknown) => void };

/** Sends one write: `row` is one row as JSON text; the statement reads $1 as a JSON array of rows. */
export type TWriteBatcher = (input: { sql: string; row: string }) => Promise<void>;

/** `execute(sql, rows)`: runs `sql` with `rows` (a JSON array of rows) as its one parameter. */
export function createWriteBatcher(execute: (sql: string, rows: string) => Promise<unknown>): TWriteBatcher {
  const next = new Map<string, TWaiter[]>(); // per statement: the writes waiting for the batch in flight
  const inFlight = new Set<string>();

  async function runBatch(sql: string, batch: TWaiter[]): Promise<void> {
    try {
      await execute(sql, `[${batch.map((w) => w.row).join(",")}]`);
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const w of batch) await runBatch(sql, [w]);
    }
  }

  async function drain(sql: string, first: TWaiter[]): Promise<void> {
    inFlight.add(sql);
    try {
      for (let batch: TWaiter[] | undefined = first; batch; batch = next.get(sql)) {
        next.delete(sql);
        await runBatch(sql, batch);
      }
    } finally {
      inFlight.delete(sql);
    }
  }

  return ({ sql, row }) =>
    new Promise<void>((resolve, reject) => {
      const waiter = { row, resolve, reject };
      if (!inFlight.has(sql)) return void drain(sql, [waiter]);
      const waiting = next.get(sql);
      if (waiting) waiting.push(waiter);
      else next.set(sql, [waiter]);
    });
}
