// The embedded database's own thread: one PGlite instance and its Prisma driver adapter, driven by messages
// from thread-adapter.ts. PGlite's PostgreSQL (WebAssembly) then runs beside the server's request thread instead
// of on it. Plain JavaScript because it is started by path: Node cannot load TypeScript, and Next does not
// bundle it. Messages: an array of calls { id, op, ...args } in, an array of answers { id, ok: true, value } or
// { id, ok: false, error } out, each the calls or answers of one turn of the sender's event loop.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, protocol } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { bindExecuteSync } from "./batch-message.mjs";

/** @param {unknown} error */
function serializeError(error) {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      // DriverAdapterError carries its PostgreSQL code in `cause`; Prisma reads it from there.
      cause: error.name === "DriverAdapterError" && typeof error.cause === "object" ? { ...error.cause } : undefined,
      code: typeof (/** @type {{ code?: unknown }} */ (error).code) === "string" ? /** @type {{ code: string }} */ (error).code : undefined,
    };
  }
  return { name: "Error", message: String(error) };
}

/**
 * PGlite's own errors in the shape pglite-prisma-adapter gives them (DriverAdapterError with the SQLSTATE in
 * `cause`), so a batchable write fails as the same write through Prisma would.
 * @param {any} error
 */
function asAdapterError(error) {
  if (!(error instanceof Error) || typeof (/** @type {any} */ (error).code) !== "string") return error;
  const e = /** @type {any} */ (error);
  return Object.assign(new Error(e.message), {
    name: "DriverAdapterError",
    cause: { kind: "postgres", code: e.code, severity: e.severity, message: e.message, detail: e.detail, column: e.column, hint: e.hint },
  });
}

/** @type {import("@electric-sql/pglite").PGlite | undefined} */
let pglite;
/** @type {any} the adapter (pglite-prisma-adapter's own types lag Prisma's) */
let adapter;
/** @type {Map<number, any>} open interactive transactions */
const transactions = new Map();
let nextTransactionId = 1;

/** @param {number} txId */
function transaction(txId) {
  const tx = transactions.get(txId);
  if (!tx) throw new Error(`Transaction ${txId} is not open (already committed or rolled back).`);
  return tx;
}

// Batchable writes (run-batchable.ts): statement → the calls waiting for it. While PGlite works on one batch
// (synchronous WebAssembly: no message is read meanwhile), new calls queue and go together in the next.
/** @type {Map<string, { row: string, resolve: (v: unknown) => void, reject: (e: unknown) => void }[]>} */
const waiting = new Map();
let flushing = false;
// Group commit: when writes come often (another arrived within the window), the first of a batch waits up to
// the window for company, as PostgreSQL's commit_delay does; a lone write goes at once. Each batch pays one
// statement's fixed cost (about 1 ms of PGlite CPU) instead of each write.
const BATCH_WINDOW_MS = 4;
let lastArrival = -Infinity;

// A batch's statement is prepared once per session under a name of its own (the protocol's Parse), then each batch
// is one Bind, Execute and Sync in one message: PGlite's query() would parse the SQL and describe the statement and
// the portal again every time, six trips into PostgreSQL instead of one. In-process, batches of ten: 0.09–0.16
// against 0.13–0.21 ms of CPU per recommendation (db README, "Writes that go together"). The two mutexes are the
// ones query() takes, so a batch never runs inside an interactive transaction that is waiting for its next query.
/** @type {Map<string, string>} statement → its prepared name in this session */
const prepared = new Map();
let nextStatement = 1;

/** @param {Uint8Array[]} parts */
function concat(parts) {
  const message = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

/** @param {Uint8Array} message */
function exclusive(message) {
  const pg = /** @type {any} */ (pglite);
  return pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => pg.execProtocol(message)));
}

/** @param {string} sql @param {string} param the batch's one parameter ($1) */
async function execBatch(sql, param) {
  const { serialize } = protocol;
  const known = prepared.get(sql);
  const name = known ?? `anisong_batch_${nextStatement++}`;
  const batch = bindExecuteSync(name, param);
  prepared.set(sql, name);
  try {
    await exclusive(known ? batch : concat([serialize.parse({ name, text: sql, types: [] }), batch]));
  } catch (error) {
    // Whether the Parse got through or not, the next batch starts afresh (closing an unknown name is no error).
    prepared.delete(sql);
    await exclusive(concat([serialize.close({ type: "S", name }), serialize.sync()])).catch(() => undefined);
    throw error;
  }
}

/** @param {string} sql @param {{ row: string, resolve: (v: unknown) => void, reject: (e: unknown) => void }[]} calls */
async function runBatch(sql, calls) {
  try {
    await execBatch(sql, `[${calls.map((c) => c.row).join(",")}]`);
    for (const c of calls) c.resolve(undefined);
  } catch (error) {
    if (calls.length === 1) return calls[0]?.reject(asAdapterError(error));
    for (const c of calls) await runBatch(sql, [c]); // one bad row fails only its own call
  }
}

async function flush() {
  try {
    while (waiting.size > 0) {
      const [sql, calls] = /** @type {[string, any[]]} */ (waiting.entries().next().value);
      waiting.delete(sql);
      await runBatch(sql, calls);
      await new Promise((resolve) => setImmediate(resolve)); // read the messages that arrived meanwhile
    }
  } finally {
    flushing = false;
  }
}

/** @type {Record<string, (message: any) => Promise<unknown>>} */
const operations = {
  batchable: (m) =>
    new Promise((resolve, reject) => {
      const calls = waiting.get(m.sql) ?? [];
      if (calls.length === 0) waiting.set(m.sql, calls);
      calls.push({ row: m.row, resolve, reject });
      const now = performance.now();
      const busy = now - lastArrival < BATCH_WINDOW_MS;
      lastArrival = now;
      if (!flushing) {
        flushing = true;
        if (busy) setTimeout(flush, BATCH_WINDOW_MS);
        else setImmediate(flush);
      }
    }),
  queryRaw: (m) => adapter.queryRaw(m.query),
  executeRaw: (m) => adapter.executeRaw(m.query),
  // The adapter's own executeScript does not await PGlite's exec, so a failing script would go unnoticed.
  async executeScript(m) {
    await pglite?.exec(m.script);
  },
  async startTransaction(m) {
    const tx = await adapter.startTransaction(m.isolationLevel);
    const txId = nextTransactionId++;
    transactions.set(txId, tx);
    return { txId, options: tx.options };
  },
  txQueryRaw: (m) => transaction(m.txId).queryRaw(m.query),
  txExecuteRaw: (m) => transaction(m.txId).executeRaw(m.query),
  async commit(m) {
    const tx = transaction(m.txId);
    transactions.delete(m.txId);
    await tx.commit();
  },
  async rollback(m) {
    const tx = transaction(m.txId);
    transactions.delete(m.txId);
    await tx.rollback();
  },
  async close() {
    if (pglite && !pglite.closed) await pglite.close();
  },
};

async function open() {
  pglite = new PGlite(workerData.dataDir, { startParams: [...PGlite.defaultStartParams, ...workerData.extraStartParams] });
  await pglite.waitReady;
  adapter = await new PrismaPGlite(pglite).connect();
}

const opened = open();
opened.then(
  () => parentPort?.postMessage({ id: 0, ok: true }),
  (error) => parentPort?.postMessage({ id: 0, ok: false, error: serializeError(error) }),
);

/** Answers of this turn of the event loop, sent together at its end. @type {unknown[]} */
let outbox = [];
/** @param {unknown} answer */
function send(answer) {
  if (outbox.push(answer) > 1) return;
  setImmediate(() => {
    const answers = outbox;
    outbox = [];
    parentPort?.postMessage(answers);
  });
}

/** @param {{ id: number, op: string }} message */
async function handle(message) {
  try {
    await opened;
    const run = operations[message.op];
    if (!run) throw new Error(`Unknown database thread operation "${message.op}".`);
    send({ id: message.id, ok: true, value: await run(message) });
  } catch (error) {
    send({ id: message.id, ok: false, error: serializeError(error) });
  }
}

parentPort?.on("message", (/** @type {{ id: number, op: string }[]} */ calls) => {
  for (const message of calls) void handle(message);
});
