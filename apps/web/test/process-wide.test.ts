// Next bundles the API (instrumentation.ts's copy of the server modules, see src/server/http/serve-api.ts) and the
// pages apart, so one process loads some modules twice. jest.isolateModulesAsync loads a second copy the same way:
// what must be one per process must be one across the copies.
import type * as TWriteLimit from "../src/server/http/write-limit";
import type * as TDbModule from "@anisong/db";

async function twoCopies<T>(load: () => Promise<T>): Promise<[T, T]> {
  const copies: T[] = [];
  for (let i = 0; i < 2; i++) await jest.isolateModulesAsync(async () => void copies.push(await load()));
  return [copies[0]!, copies[1]!];
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

test("two copies of write-limit.ts spend one budget per client", async () => {
  Object.assign(process.env, { ANISONG_WRITE_RATE_BURST: "3", ANISONG_WRITE_RATE_PER_MINUTE: "1", REDIS_URL: "" });
  const [a, b] = await twoCopies<typeof TWriteLimit>(() => import("../src/server/http/write-limit"));
  expect(a.checkWriteLimit).not.toBe(b.checkWriteLimit); // really two copies of the module
  const request = () => new Request("http://127.0.0.1/api/recommendations", { headers: { "x-forwarded-for": "203.0.113.50" } });
  await a.checkWriteLimit(request());
  await b.checkWriteLimit(request());
  await a.checkWriteLimit(request());
  await expect(b.checkWriteLimit(request())).rejects.toMatchObject({ status: 429, code: "rate_limited" });
});

test("two copies of @anisong/db give one PostgreSQL client (one pool), until it is closed", async () => {
  const [a, b] = await twoCopies<typeof TDbModule>(() => import("@anisong/db"));
  expect(a.getDb).not.toBe(b.getDb);
  // Prisma connects on the first query; none is made here.
  const config = { kind: "postgres" as const, url: "postgresql://postgres@127.0.0.1:5432/postgres" };
  const first = await a.getDb(config);
  expect(await b.getDb(config)).toBe(first);
  await b.closeDb();
  const next = await a.getDb(config);
  expect(next).not.toBe(first);
  await a.closeDb();
});
