import { createWriteBatcher } from "./write-batcher";

/** A statement runner whose calls stay open until the test lets them finish. */
function controlledRunner(failWhen: (rows: unknown[]) => boolean = () => false) {
  const calls: { sql: string; rows: unknown[]; finish: () => void }[] = [];
  const execute = (sql: string, rows: string) =>
    new Promise<void>((resolve, reject) => {
      const parsed = JSON.parse(rows) as unknown[];
      calls.push({ sql, rows: parsed, finish: () => (failWhen(parsed) ? reject(new Error(`bad batch ${rows}`)) : resolve()) });
    });
  return { calls, execute };
}
const tick = () => new Promise((r) => setImmediate(r));

test("a lone write goes at once, as a one-row array", async () => {
  const { calls, execute } = controlledRunner();
  const write = createWriteBatcher(execute);
  const done = write({ sql: "S", row: '{"n":1}' });
  expect(calls.map((c) => c.rows)).toEqual([[{ n: 1 }]]);
  calls[0]!.finish();
  await expect(done).resolves.toBeUndefined();
});

test("writes made while a batch is on its way go together in the next one, in order", async () => {
  const { calls, execute } = controlledRunner();
  const write = createWriteBatcher(execute);
  const first = write({ sql: "S", row: '{"n":1}' });
  const rest = [2, 3, 4].map((n) => write({ sql: "S", row: `{"n":${n}}` }));
  const other = write({ sql: "T", row: '{"n":9}' }); // another statement is its own batch, at once
  expect(calls.map((c) => [c.sql, c.rows])).toEqual([
    ["S", [{ n: 1 }]],
    ["T", [{ n: 9 }]],
  ]);
  calls[0]!.finish();
  await first;
  await tick();
  expect(calls[2]).toMatchObject({ sql: "S", rows: [{ n: 2 }, { n: 3 }, { n: 4 }] });
  calls[2]!.finish();
  calls[1]!.finish();
  await Promise.all([...rest, other]);
  const late = write({ sql: "S", row: '{"n":5}' }); // nothing in flight any more: at once again
  expect(calls[3]).toMatchObject({ rows: [{ n: 5 }] });
  calls[3]!.finish();
  await late;
});

test("a failing batch is retried row by row: only the bad row's write fails", async () => {
  const { calls, execute } = controlledRunner((rows) => rows.some((r) => (r as { n: number }).n === 3));
  const write = createWriteBatcher(execute);
  const first = write({ sql: "S", row: '{"n":1}' });
  const rest = Promise.allSettled([2, 3, 4].map((n) => write({ sql: "S", row: `{"n":${n}}` })));
  calls[0]!.finish();
  await first;
  for (let i = 1; i <= 4; i++) {
    await tick();
    calls[i]!.finish(); // the batch of three, then each of its rows alone
  }
  const outcomes = await rest;
  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('bad batch [{"n":3}]');
  expect(calls.map((c) => c.rows.length)).toEqual([1, 3, 1, 1, 1]);
});
