// Two `next start` processes on one PostgreSQL database and one Redis, as behind a load balancer: a
// rating written through A is counted by B's insights, a model the pipeline activates is served by
// both within ANISONG_MODEL_CHECK_MS, and the write limit is one budget across both.
import { randomInt } from "node:crypto";
import { closePrismaClient, createPrismaClient } from "@anisong/db";
import { ensureBuilt, startNextServer, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";
import { rawRequest } from "./support/raw-http";

jest.setTimeout(600_000);

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const MODEL_CHECK_MS = 1000;
const BURST = 4;

let database: TPreparedDatabase;
let a: TNextServer;
let b: TNextServer;
// The test plays the one proxy in front (hops:1) and names a client address no other run uses, so the
// shared Redis counters of earlier runs cannot interfere.
const runTag = `${randomInt(1, 250)}.${randomInt(0, 255)}`;
const client = (n: number) => `10.${runTag}.${n}`;

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("postgres");
  const env = {
    ...database.env,
    REDIS_URL,
    ANISONG_PROVIDERS: "catalog",
    ANISONG_MODEL_CHECK_MS: String(MODEL_CHECK_MS),
    ANISONG_WRITE_RATE_BURST: String(BURST),
    ANISONG_WRITE_RATE_PER_MINUTE: "1",
    ANISONG_TRUSTED_PROXIES: "hops:1",
  };
  [a, b] = await Promise.all([startNextServer(env), startNextServer(env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

// One connection per request: a kept-alive socket the server is just closing would reset (ECONNRESET).
async function api(server: TNextServer, path: string, init: { json?: unknown; from?: string } = {}) {
  const res = await rawRequest(server.url, {
    method: init.json === undefined ? "GET" : "POST",
    path,
    headers: { "content-type": "application/json", ...(init.from ? { "x-forwarded-for": init.from } : {}) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: res.status, body: res.json };
}

test("both instances share their rate limits through Redis", async () => {
  for (const server of [a, b]) expect((await api(server, "/api/health")).body.rateLimits).toBe("shared");
});

test("a rating written through A appears in B's insights", async () => {
  const before = (await api(b, "/api/insights")).body.ratings.count as number;
  const rec = await api(a, "/api/recommendations", { json: { title: "Levitating", artist: "Dua Lipa" }, from: client(1) });
  expect(rec.status).toBe(201);
  const rating = await api(a, `/api/recommendations/${rec.body.id}/rating`, { json: { stars: 5, comment: "from A" }, from: client(1) });
  expect(rating.status).toBe(201);
  const after = await api(b, `/api/insights?recommendation=${rec.body.id}`);
  expect(after.status).toBe(200);
  expect(after.body.ratings.count).toBe(before + 1);
  expect(after.body.map.query.cluster).toBe(rec.body.cluster.index);
});

test("the write limit holds across both: the burst split over A and B, then both refuse", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < BURST; i++) {
    statuses.push(
      (await api(i % 2 === 0 ? a : b, "/api/recommendations", { json: { trackId: "5nujrmhLynf4yMoMtj8AQF" }, from: client(2) })).status,
    );
  }
  expect(statuses).toEqual(Array(BURST).fill(201));
  for (const server of [a, b]) {
    const refused = await api(server, "/api/recommendations", { json: { trackId: "5nujrmhLynf4yMoMtj8AQF" }, from: client(2) });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
  }
  // Another client still writes.
  expect((await api(b, "/api/recommendations", { json: { trackId: "5nujrmhLynf4yMoMtj8AQF" }, from: client(3) })).status).toBe(201);
});

test("a model the pipeline activates is served by both within ANISONG_MODEL_CHECK_MS", async () => {
  const oldVersion = (await api(a, "/api/health")).body.model.version as string;
  expect((await api(b, "/api/health")).body.model.version).toBe(oldVersion);

  database.retrain({ k: 6 }); // the real pipeline: train, evaluate, ingest and activate
  const activatedAt = Date.now();
  const db = await createPrismaClient(database.config);
  const active = await db.model.findFirstOrThrow({ where: { isActive: true } });
  await closePrismaClient(db);
  expect(active.id).not.toBe(oldVersion);
  expect(active.k).toBe(6);

  // Each instance trusts its cached version for at most MODEL_CHECK_MS; loading the new catalog
  // takes a moment on top, hence the slack.
  const served = await Promise.all(
    [a, b].map(async (server) => {
      for (;;) {
        const health = await api(server, "/api/health");
        if (health.body.model.version === active.id) return Date.now() - activatedAt;
        if (Date.now() - activatedAt > MODEL_CHECK_MS + 10_000) throw new Error(`${server.url} still serves ${health.body.model.version}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  console.log(`new model served by A after ${served[0]} ms, by B after ${served[1]} ms (check interval ${MODEL_CHECK_MS} ms)`);
  for (const [server, n] of [
    [a, 11],
    [b, 12],
  ] as const) {
    const rec = await api(server, "/api/recommendations", { json: { trackId: "5nujrmhLynf4yMoMtj8AQF" }, from: client(n) });
    expect([rec.status, rec.body.modelVersion]).toEqual([201, active.id]);
  }
  for (const ms of served) expect(ms).toBeLessThan(MODEL_CHECK_MS + 5000);
});
