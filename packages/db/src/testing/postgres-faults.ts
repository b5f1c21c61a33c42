// Fault injection for tests against a real PostgreSQL database: one extra session that can hold a table
// lock (so another client's query waits, "in flight") and terminate every other backend of the database,
// as an administrator's shutdown does (SQLSTATE 57P01).
import { Client } from "pg";
import type { TDatabaseConfig } from "../env";

export type TFaultSession = {
  /** Takes ACCESS EXCLUSIVE on `table` in an open transaction: other sessions' reads and writes of it wait. */
  lockTable(table: string): Promise<void>;
  /** Resolves once some other session of this database waits for a lock (fails after `timeoutMs`). */
  waitForBlockedQuery(timeoutMs?: number): Promise<void>;
  /** pg_terminate_backend for every other session of this database; returns how many were terminated. */
  terminateOtherBackends(): Promise<number>;
  /** Ends the transaction (releasing any lock) and the session. */
  close(): Promise<void>;
};

export async function openFaultSession(config: Extract<TDatabaseConfig, { kind: "postgres" }>): Promise<TFaultSession> {
  const client = new Client({ connectionString: config.url });
  await client.connect();
  let inTransaction = false;
  return {
    async lockTable(table) {
      if (!inTransaction) await client.query("BEGIN");
      inTransaction = true;
      await client.query(`LOCK TABLE "${table.replaceAll('"', '""')}" IN ACCESS EXCLUSIVE MODE`);
    },
    async waitForBlockedQuery(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        );
        if (rows[0]!.n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no query of this database waited for a lock within ${timeoutMs} ms`);
    },
    async terminateOtherBackends() {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()) AS terminated`,
      );
      return rows[0]!.n;
    },
    async close() {
      if (inTransaction) await client.query("ROLLBACK").catch(() => undefined);
      await client.end();
    },
  };
}
