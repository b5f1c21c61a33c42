// A write the server has acknowledged survives the server: killed outright (SIGKILL, as the out-of-memory killer or
// a crash would), then started again on the same embedded database folder, it still has the recommendation, its
// rating and a pick's vote. PGlite runs without a WAL writer, so a commit that returned before its WAL was written
// (synchronous_commit=off) stayed in memory until the WAL buffers filled: every write since was lost on any stop
// (db README, "Durability").
import { ensureBuilt, startNextServer, type TNextServer } from "./support/next-server";
import { prepareDatabase, type TPreparedDatabase } from "./support/prepare-database";

jest.setTimeout(600_000);

let database: TPreparedDatabase;
let server: TNextServer | undefined;
const ENV = { ANISONG_PROVIDERS: "catalog", REDIS_URL: "" };

beforeAll(async () => {
  ensureBuilt();
  database = await prepareDatabase("pglite");
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function send(method: "POST" | "PUT", url: string, body: unknown): Promise<Response> {
  return fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

test("a recommendation, its rating and a vote survive SIGKILL of the server that acknowledged them", async () => {
  server = await startNextServer({ ...database.env, ...ENV });
  const created = await send("POST", `${server.url}/api/recommendations`, { title: "Levitating", artist: "Dua Lipa", topN: 5 });
  expect(created.status).toBe(201);
  const recommendation = (await created.json()) as { id: string; items: { trackId: string }[] };
  const firstPick = recommendation.items[0]!.trackId;
  const rated = await send("POST", `${server.url}/api/recommendations/${recommendation.id}/rating`, { stars: 4, comment: "kept" });
  expect(rated.status).toBe(201);
  const vote = await send("PUT", `${server.url}/api/recommendations/${recommendation.id}/items/${firstPick}/feedback`, { vote: "like" });
  expect(vote.status).toBe(200);

  const killed = server.process;
  await new Promise<void>((resolve) => {
    killed.once("exit", () => resolve());
    killed.kill("SIGKILL");
  });

  server = await startNextServer({ ...database.env, ...ENV });
  const res = await fetch(`${server.url}/api/recommendations/${recommendation.id}`);
  expect(res.status).toBe(200);
  const stored = (await res.json()) as {
    items: { trackId: string; vote: string | null }[];
    rating: { stars: number; comment: string } | null;
  };
  expect(stored.items.map((item) => item.trackId)).toEqual(recommendation.items.map((item) => item.trackId));
  expect(stored.items.map((item) => item.vote)).toEqual(["like", null, null, null, null]);
  expect(stored.rating).toMatchObject({ stars: 4, comment: "kept" });
});
