import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { precompressStatic } from "../scripts/build/precompress-static";

describe("precompressStatic", () => {
  let dir: string;
  const script = `(globalThis.TURBOPACK||[]).push([${"'a chunk of text', ".repeat(200)}]);`;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-precompress-"));
    fs.mkdirSync(path.join(dir, "chunks", "nested"), { recursive: true });
    fs.writeFileSync(path.join(dir, "chunks", "a.js"), script);
    fs.writeFileSync(path.join(dir, "chunks", "nested", "b.css"), `body{margin:0}${".x{color:red}".repeat(200)}`);
    fs.writeFileSync(path.join(dir, "chunks", "tiny.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "chunks", "font.woff2"), Buffer.alloc(4096, 7));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (...parts: string[]) => path.join(dir, "chunks", ...parts);

  it("writes a Brotli and a gzip copy that decode to each text file of 1 KiB or more, nested ones included", () => {
    expect(precompressStatic({ staticDir: dir })).toEqual({ written: 4, upToDate: 0 });
    expect(zlib.brotliDecompressSync(fs.readFileSync(file("a.js.br"))).toString()).toBe(script);
    expect(zlib.gunzipSync(fs.readFileSync(file("a.js.gz"))).toString()).toBe(script);
    expect(zlib.brotliDecompressSync(fs.readFileSync(file("nested", "b.css.br"))).toString()).toBe(
      fs.readFileSync(file("nested", "b.css"), "utf8"),
    );
    expect(fs.statSync(file("a.js.br")).size).toBeLessThan(fs.statSync(file("a.js.gz")).size);
    // Too small to gain, and already compressed: left to Next.
    expect(fs.existsSync(file("tiny.js.br"))).toBe(false);
    expect(fs.existsSync(file("font.woff2.br"))).toBe(false);
  });

  it("writes nothing when run again, and a file changed since its copies gets new ones", () => {
    precompressStatic({ staticDir: dir });
    expect(precompressStatic({ staticDir: dir })).toEqual({ written: 0, upToDate: 4 });
    const changed = `//# allFunctionsCalledOnLoad\n${script}`;
    fs.writeFileSync(file("a.js"), changed);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file("a.js"), later, later);
    expect(precompressStatic({ staticDir: dir })).toEqual({ written: 2, upToDate: 2 });
    expect(zlib.brotliDecompressSync(fs.readFileSync(file("a.js.br"))).toString()).toBe(changed);
  });
});
