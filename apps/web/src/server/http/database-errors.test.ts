// Which failures count as which is tested in packages/db (database-errors.test.ts); here: every recognised
// one answers 503 database_unavailable, anything else is left to the caller.
import { DatabaseError } from "@anisong/db";
import { toDatabaseApiError } from "./database-errors";

describe("toDatabaseApiError", () => {
  test.each([
    ["refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["PGlite folder held by another process", Object.assign(new Error("open in process 1"), { name: "PGliteLockedError" })],
    ["Prisma init error", Object.assign(new Error("init"), { name: "PrismaClientInitializationError" })],
    ["SQLSTATE 57P01 in a cause", new Error("query failed", { cause: { code: "57P01", message: "terminating" } })],
    ["driver adapter kind", new Error("adapter", { cause: { kind: "DatabaseNotReachable" } })],
    ["AggregateError from pg", new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "all failed")],
    ["closed connection", new Error("Server has closed the connection.")],
    ["ECONNRESET", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["tables not migrated", Object.assign(new Error("The table `public.Model` does not exist"), { code: "P2021" })],
    ["a DatabaseError", new DatabaseError("unavailable", "gone")],
  ])("%s → 503 database_unavailable", (_label, error) => {
    const apiError = toDatabaseApiError(error);
    expect(apiError).toMatchObject({ status: 503, code: "database_unavailable" });
    expect(apiError?.message).toMatch(/database is unavailable/i);
  });

  test("an unmigrated database's answer says what to run", () => {
    expect(toDatabaseApiError(Object.assign(new Error("x"), { code: "P2021" }))?.message).toMatch(/pnpm db:migrate/);
  });

  test.each([
    ["unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["syntax error", Object.assign(new Error("syntax error at or near"), { code: "42601" })],
    ["plain error", new Error("boom")],
    ["not an error", "ECONNREFUSED"],
  ])("%s → not a database error", (_label, error) => expect(toDatabaseApiError(error)).toBeNull());
});
