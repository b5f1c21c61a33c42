import { isDatabaseUnavailable } from "./database-errors";

describe("isDatabaseUnavailable", () => {
  test.each([
    ["refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["PGlite folder held by another process", Object.assign(new Error("open in process 1"), { name: "PGliteLockedError" })],
    ["Prisma init error", Object.assign(new Error("init"), { name: "PrismaClientInitializationError" })],
    ["SQLSTATE 57P01 in a cause", new Error("query failed", { cause: { code: "57P01", message: "terminating" } })],
    ["driver adapter kind", new Error("adapter", { cause: { kind: "DatabaseNotReachable" } })],
    ["AggregateError from pg", new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "all failed")],
  ])("%s → unavailable", (_label, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  test.each([
    ["unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["syntax error", Object.assign(new Error("syntax error at or near"), { code: "42601" })],
    ["plain error", new Error("boom")],
    ["not an error", "ECONNREFUSED"],
  ])("%s → not unavailable", (_label, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
