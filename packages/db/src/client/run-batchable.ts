// A write that can go in together with others of its kind: one SQL statement whose only parameter ($1) is a JSON
// array of rows. Calls that arrive while an earlier batch of the same statement is on its way go together in the
// next one (one parse, plan, round trip and commit for all); a batch that fails is retried row by row, so one bad
// row fails only its own call. Where PGlite runs in its own thread, the thread does the batching (and the request
// thread skips Prisma); elsewhere write-batcher.ts does it in this process, through Prisma.
import { databaseConfigOf, type TDb } from "./create-prisma-client";
import { openPGliteThread } from "./pglite-registry";
import { createWriteBatcher, type TWriteBatcher } from "./write-batcher";

const batchers = new WeakMap<TDb, TWriteBatcher>();

/** `row`: one row as JSON text (an object); the statement reads $1 as a jsonb array of such rows. */
export async function runBatchable(db: TDb, input: { sql: string; row: string }): Promise<void> {
  const config = databaseConfigOf(db);
  if (config?.kind === "pglite" && config.thread === "worker") {
    await (await openPGliteThread(config.dataDir)).call("batchable", { sql: input.sql, row: input.row });
    return;
  }
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = createWriteBatcher((sql, rows) => db.$executeRawUnsafe(sql, rows))));
  await batcher(input);
}
