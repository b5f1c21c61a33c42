// classifyDatabaseError: the shapes Prisma, its driver adapters, pg and PGlite throw (unit cases), and the
// real failures behind them: a PostgreSQL backend terminated mid-query (57P01), a server that closes or
// resets the connection, an unmigrated database, a PGlite folder held by another process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import {
  classifyDatabaseError,
  closePrismaClient,
  createPrismaClient,
  createTestDatabase,
  DatabaseError,
  findActiveModel,
  lockFileFor,
  PGliteLockedError,
  resolveTestAdminUrl,
  toDatabaseError,
  type TDatabaseErrorCode,
} from "../src";

jest.setTimeout(180_000); // opening a fresh PGlite folder takes long on a loaded machine

describe("classifyDatabaseError on the shapes drivers throw", () => {
  test.each<[string, TDatabaseErrorCode, unknown]>([
    ["refused connection", "unavailable", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })],
    ["Prisma P1001", "unavailable", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["PGlite folder held by another process", "locked", Object.assign(new Error("open in process 1"), { name: "PGliteLockedError" })],
    ["Prisma init error", "unavailable", Object.assign(new Error("init"), { name: "PrismaClientInitializationError" })],
    ["SQLSTATE 57P01 in a cause", "unavailable", new Error("query failed", { cause: { code: "57P01", message: "terminating" } })],
    ["driver adapter kind", "unavailable", new Error("adapter", { cause: { kind: "DatabaseNotReachable" } })],
    ["AggregateError from pg", "unavailable", new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "all failed")],
    // closed connections and shutdowns (hardening D5)
    ["Prisma's closed connection", "unavailable", new Error("Server has closed the connection.")],
    ["pg's closed connection", "unavailable", new Error("Connection terminated unexpectedly")],
    // what an interactive transaction gets after its backend was terminated (seen against PostgreSQL 15;
    // not a live test: adapter-pg then never releases that pool client, so $disconnect waits forever)
    ["pg's dead client in a transaction", "unavailable", new Error("Client has encountered a connection error and is not queryable")],
    ["ECONNRESET", "unavailable", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["EPIPE", "unavailable", Object.assign(new Error("write EPIPE"), { code: "EPIPE" })],
    ["Prisma P1017", "unavailable", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["57P02 crash shutdown as originalCode", "unavailable", { name: "DriverAdapterError", message: "x", cause: { originalCode: "57P02" } }],
    ["57P03 cannot connect now in meta", "unavailable", Object.assign(new Error("x"), { meta: { code: "57P03" } })],
    ["adapter kind ConnectionClosed", "unavailable", new Error("adapter", { cause: { kind: "ConnectionClosed" } })],
    // unmigrated database
    [
      "Prisma P2021",
      "missing_tables",
      Object.assign(new Error("The table `public.Model` does not exist in the current database."), { code: "P2021" }),
    ],
    ["42P01 in meta", "missing_tables", Object.assign(new Error("raw query failed"), { code: "P2010", meta: { code: "42P01" } })],
    ["relation does not exist", "missing_tables", new Error('relation "Model" does not exist')],
    ["adapter kind TableDoesNotExist", "missing_tables", new Error("adapter", { cause: { kind: "TableDoesNotExist" } })],
    ["a DatabaseError", "locked", new DatabaseError("locked", "held")],
  ])("%s → %s", (_label, code, error) => expect(classifyDatabaseError(error)).toBe(code));

  test.each([
    ["unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["syntax error", Object.assign(new Error("syntax error at or near"), { code: "42601" })],
    ["plain error", new Error("boom")],
    ["not an error", "ECONNREFUSED"],
    [
      "a cause cycle",
      (() => {
        const e = new Error("a") as Error & { cause?: unknown };
        e.cause = e;
        return e;
      })(),
    ],
  ])("%s → null", (_label, error) => expect(classifyDatabaseError(error)).toBeNull());

  test("toDatabaseError keeps the original as the cause and its last line in the message", () => {
    const original = Object.assign(new Error("Invalid `db.model.findFirst()` invocation:\n\nServer has closed the connection."), {
      code: "P1017",
    });
    const error = toDatabaseError(original);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({
      code: "unavailable",
      message: "the database is unavailable: Server has closed the connection.",
      cause: original,
    });
    expect(toDatabaseError(new Error("boom"))).toBeNull();
  });
});

/** What a Prisma query against `db` throws (fails the test if it does not throw). */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("real failures", () => {
  test("PostgreSQL: a backend terminated mid-query (pg_terminate_backend → 57P01) is unavailable, the next query recovers", async () => {
    const t = await createTestDatabase({ kind: "postgres" });
    const admin = new Client({ connectionString: resolveTestAdminUrl() });
    await admin.connect();
    try {
      const name = new URL(t.config.kind === "postgres" ? t.config.url : "").pathname.slice(1);
      const slow = failure(() => t.db.$queryRaw`SELECT pg_sleep(30)`);
      // wait until the sleeping query is running, then shut its backend down as an administrator would
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep%'`,
          [name],
        );
        if (rows[0].n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) x`,
        [name],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      const error = await slow;
      expect(String((error as Error).message)).toMatch(
        /terminating connection due to administrator command|closed the connection|Connection terminated/i,
      );
      expect(classifyDatabaseError(error)).toBe("unavailable");
      expect(await findActiveModel(t.db)).toBeNull(); // the pool opens a new connection
    } finally {
      await admin.end();
      await t.drop();
    }
  });

  test.each([
    ["closes the connection", (socket: net.Socket) => socket.end()],
    ["resets the connection (ECONNRESET)", (socket: net.Socket) => socket.resetAndDestroy()],
  ])("a server that %s on connect is unavailable", async (_label, hangUp) => {
    const server = net.createServer((socket) => socket.once("data", () => hangUp(socket)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const db = await createPrismaClient({ kind: "postgres", url: `postgresql://postgres@127.0.0.1:${port}/anisong` });
    try {
      const error = await failure(() => findActiveModel(db));
      expect(classifyDatabaseError(error)).toBe("unavailable");
    } finally {
      await closePrismaClient(db).catch(() => undefined);
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test.each(["pglite", "postgres"] as const)("%s: an unmigrated database is missing_tables", async (kind) => {
    const t = await createTestDatabase({ kind, migrate: false });
    try {
      const error = await failure(() => findActiveModel(t.db));
      expect(classifyDatabaseError(error)).toBe("missing_tables");
    } finally {
      await t.drop();
    }
  });

  test("PGlite: a folder open in another live process is locked", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-locked-"));
    const sleeper = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lockFileFor(dataDir), `${sleeper.pid}\n`);
      const error = await failure(() => createPrismaClient({ kind: "pglite", dataDir }));
      expect(error).toBeInstanceOf(PGliteLockedError);
      expect(error).toBeInstanceOf(DatabaseError);
      expect(classifyDatabaseError(error)).toBe("locked");
    } finally {
      sleeper.kill();
      fs.rmSync(lockFileFor(dataDir), { force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
