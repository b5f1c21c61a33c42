import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addCompileHints, COMPILE_HINT } from "../scripts/build/add-compile-hints";

describe("addCompileHints", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-hints-"));
    fs.mkdirSync(path.join(dir, "nested"));
    fs.writeFileSync(path.join(dir, "a.js"), "(globalThis.TURBOPACK||[]).push([1]);");
    fs.writeFileSync(path.join(dir, "nested", "b.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "done.js"), `${COMPILE_HINT}var x=1;`);
    fs.writeFileSync(path.join(dir, "style.css"), "body{margin:0}");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

  it("puts the hint first in every .js file, nested ones included, and leaves the rest of each file as it was", () => {
    expect(addCompileHints({ chunksDir: dir })).toEqual({ hinted: 2, alreadyHinted: 1 });
    expect(read("a.js")).toBe(`//# allFunctionsCalledOnLoad\n(globalThis.TURBOPACK||[]).push([1]);`);
    expect(read(path.join("nested", "b.js"))).toBe(`${COMPILE_HINT}console.log(1)`);
    expect(read("done.js")).toBe(`${COMPILE_HINT}var x=1;`);
    expect(read("style.css")).toBe("body{margin:0}");
  });

  it("changes nothing when run again", () => {
    addCompileHints({ chunksDir: dir });
    const before = ["a.js", "done.js", path.join("nested", "b.js")].map(read);
    expect(addCompileHints({ chunksDir: dir })).toEqual({ hinted: 0, alreadyHinted: 3 });
    expect(["a.js", "done.js", path.join("nested", "b.js")].map(read)).toEqual(before);
  });
});
