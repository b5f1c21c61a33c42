// A write that can go in together with others of its kind: one SQL statement whose only parameter ($1) is a JSON
// array of rows. Where PGlite runs in its own thread, the thread joins the rows of every call that arrived while
// it was busy into one statement (one parse, plan and commit for all, and no Prisma on the request thread); a
// batch that fails is retried row by row, so one bad row fails only its own call. Elsewhere it is one statement
// through Prisma with a one-row array.
import { databaseConfigOf, type TDb } from "./create-prisma-client";
import { openPGliteThread } from "./pglite-registry";

/** `row`: one row as JSON text (an object); the statement reads $1 as a jsonb array of such rows. */
export async function runBatchable(db: TDb, input: { sql: string; row: string }): Promise<void> {
  const config = databaseConfigOf(db);
  if (config?.kind === "pglite" && config.thread === "worker") {
    await (await openPGliteThread(config.dataDir)).call("batchable", { sql: input.sql, row: input.row });
    return;
  }
  await db.$executeRawUnsafe(input.sql, `[${input.row}]`);
}
