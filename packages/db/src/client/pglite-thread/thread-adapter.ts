// A Prisma driver adapter whose every query runs in the embedded database's own thread (PGliteThread): the
// same adapter (pglite-prisma-adapter) as in-process, on the other side of a message port. Results and errors
// are plain data, so they cross unchanged; interactive transactions are held in the thread by id.
import type { PGliteThread } from "./pglite-thread";

// Prisma's driver-adapter types (@prisma/driver-adapter-utils), as far as this adapter needs them.
type TSqlQuery = { sql: string; args: unknown[]; argTypes: unknown[] };
type TSqlResultSet = { columnNames: string[]; columnTypes: unknown[]; rows: unknown[][]; lastInsertId?: string };
type TTransactionOptions = { usePhantomQuery: boolean };

const ADAPTER_INFO = { provider: "postgres", adapterName: "@anisong/db/pglite-thread" } as const;

class ThreadTransaction {
  readonly provider = ADAPTER_INFO.provider;
  readonly adapterName = ADAPTER_INFO.adapterName;
  constructor(
    private readonly thread: PGliteThread,
    private readonly txId: number,
    readonly options: TTransactionOptions,
  ) {}
  queryRaw(query: TSqlQuery): Promise<TSqlResultSet> {
    return this.thread.call("txQueryRaw", { txId: this.txId, query });
  }
  executeRaw(query: TSqlQuery): Promise<number> {
    return this.thread.call("txExecuteRaw", { txId: this.txId, query });
  }
  commit(): Promise<void> {
    return this.thread.call("commit", { txId: this.txId });
  }
  rollback(): Promise<void> {
    return this.thread.call("rollback", { txId: this.txId });
  }
}

/** Asks for the thread on every call: after a crash the registry opens a new one (see openPGliteThread). */
type TThreadSource = () => Promise<PGliteThread>;

class ThreadAdapter {
  readonly provider = ADAPTER_INFO.provider;
  readonly adapterName = ADAPTER_INFO.adapterName;
  constructor(private readonly thread: TThreadSource) {}
  async queryRaw(query: TSqlQuery): Promise<TSqlResultSet> {
    return (await this.thread()).call("queryRaw", { query });
  }
  async executeRaw(query: TSqlQuery): Promise<number> {
    return (await this.thread()).call("executeRaw", { query });
  }
  async executeScript(script: string): Promise<void> {
    return (await this.thread()).call("executeScript", { script });
  }
  async startTransaction(isolationLevel?: string): Promise<ThreadTransaction> {
    const thread = await this.thread(); // a transaction stays on the thread it began on
    const { txId, options } = await thread.call<{ txId: number; options: TTransactionOptions }>("startTransaction", {
      isolationLevel,
    });
    return new ThreadTransaction(thread, txId, options);
  }
  getConnectionInfo() {
    return { supportsRelationJoins: true };
  }
  // The thread outlives one Prisma connection; closePGlite ends it.
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

/** The factory PrismaClient takes as `adapter`. */
export class PGliteThreadAdapterFactory {
  readonly provider = ADAPTER_INFO.provider;
  readonly adapterName = ADAPTER_INFO.adapterName;
  constructor(private readonly thread: TThreadSource) {}
  connect(): Promise<ThreadAdapter> {
    return Promise.resolve(new ThreadAdapter(this.thread));
  }
}
