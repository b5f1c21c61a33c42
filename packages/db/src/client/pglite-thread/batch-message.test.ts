import { protocol } from "@electric-sql/pglite";
import { bindExecuteSync } from "./batch-message.mjs";

const { serialize } = protocol;

describe("bindExecuteSync", () => {
  it.each([
    ["ASCII", "anisong_batch_1", `[{"id":"a","items":[]}]`],
    ["multi-byte UTF-8 and astral characters", "anisong_batch_22", `[{"title":"怪物 — Ado \\"うっせぇ\\" 🎤","artists":["YOASOBI"]}]`],
    ["an empty parameter", "s", ""],
    ["a long parameter", "anisong_batch_3", `[${Array.from({ length: 400 }, (_, i) => `{"n":${i},"t":"é${i}"}`).join(",")}]`],
  ])("writes what pg-protocol's serializer writes: %s", (_label, statement, param) => {
    const expected = Buffer.concat([serialize.bind({ statement, values: [param] }), serialize.execute({}), serialize.sync()]);
    expect(Buffer.from(bindExecuteSync(statement, param))).toEqual(expected);
  });
});
