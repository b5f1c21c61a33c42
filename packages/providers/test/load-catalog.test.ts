// Catalog file handling on a 20-row sample of real rows (the full file is covered by catalog.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { CatalogLoadError, loadCatalog, type Catalog } from "../src";
import { readCatalog } from "../src/catalog/load-catalog";

const SAMPLE = path.join(__dirname, "fixtures", "catalog-sample.csv");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-catalog-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("loadCatalog", () => {
  it("reads plain and gzip CSV alike and merges rows by id", async () => {
    const gz = path.join(dir, "sample.csv.gz");
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(SAMPLE)));
    const [plain, zipped] = await Promise.all([loadCatalog({ path: SAMPLE, cacheDir: false }), loadCatalog({ path: gz, cacheDir: false })]);
    expect(plain.stats).toMatchObject({ rows: 21, tracks: 20, rejected: 0 });
    expect(zipped.stats).toEqual(plain.stats);
    expect(zipped.getById("5nujrmhLynf4yMoMtj8AQF")!.track.genres).toEqual(["dance", "pop"]);
  });

  it("shares one load between concurrent callers", async () => {
    const file = path.join(dir, "copy.csv");
    fs.copyFileSync(SAMPLE, file);
    const [a, b] = await Promise.all([loadCatalog({ path: file, cacheDir: dir }), loadCatalog({ path: file, cacheDir: dir })]);
    expect(a).toBe(b);
  });

  it("fails clearly on a missing file and does not cache the failure", async () => {
    const file = path.join(dir, "later.csv");
    await expect(loadCatalog({ path: file, cacheDir: dir })).rejects.toThrow(CatalogLoadError);
    fs.copyFileSync(SAMPLE, file);
    expect((await loadCatalog({ path: file, cacheDir: dir })).size).toBe(20);
  });

  it("fails clearly on a file with the wrong columns", async () => {
    const file = path.join(dir, "wrong.csv");
    fs.writeFileSync(file, "id,name\n1,x\n");
    await expect(loadCatalog({ path: file, cacheDir: dir })).rejects.toThrow(/unexpected header/);
  });

  it("skips and reports rows with invalid values", async () => {
    const lines = fs.readFileSync(SAMPLE, "utf8").trimEnd().split("\n");
    // Row 2: danceability out of range; row 3: a malformed id.
    lines[1] = lines[1]!.replace(",0.676,", ",7.5,");
    lines[2] = lines[2]!.replace("4qPNDBW1i3p13qLCt0Ki3A", "not-an-id");
    const file = path.join(dir, "bad-rows.csv");
    fs.writeFileSync(file, lines.join("\n"));
    const catalog = await loadCatalog({ path: file, cacheDir: dir });
    expect(catalog.stats).toMatchObject({ tracks: 18, rejected: 2 });
    expect(catalog.getById("5SuOikwiRyPMVoIQDJUgSV")).toBeUndefined();
  });
});

describe("derived catalog cache", () => {
  const queries = [
    { title: "Levitating", artist: "Dua Lipa" },
    { title: "ｼﾙｴｯﾄ" },
    { artist: "LiSA" },
    { title: "unravl" },
    { title: "紅蓮華" },
  ];
  const answers = (c: Catalog) => queries.map((q) => c.search(q, { limit: 5 }));
  const cacheFiles = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith(".bin"));

  it("answers exactly like a fresh build and is used on the next load", async () => {
    const cacheDir = fs.mkdtempSync(path.join(dir, "cache-"));
    const built = await readCatalog(SAMPLE, cacheDir);
    expect(built.origin).toBe("built");
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const cached = await readCatalog(SAMPLE, cacheDir);
    expect(cached.origin).toBe("cache");
    expect(cached.stats).toEqual(built.stats);
    expect(answers(cached)).toEqual(answers(built));
    expect(cached.getById("0qMip0B2D4ePEjBJvAtYre")).toEqual(built.getById("0qMip0B2D4ePEjBJvAtYre"));
  });

  it("rebuilds over a corrupt or truncated cache file", async () => {
    const cacheDir = fs.mkdtempSync(path.join(dir, "cache-"));
    await readCatalog(SAMPLE, cacheDir);
    const [name] = cacheFiles(cacheDir);
    const file = path.join(cacheDir, name!);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect((await readCatalog(SAMPLE, cacheDir)).origin).toBe("built");
    fs.writeFileSync(file, Buffer.from("ANISONGC garbage"));
    expect((await readCatalog(SAMPLE, cacheDir)).origin).toBe("built");
    expect((await readCatalog(SAMPLE, cacheDir)).origin).toBe("cache"); // rewritten
  });

  it("keys the cache by the file's content", async () => {
    const cacheDir = fs.mkdtempSync(path.join(dir, "cache-"));
    const file = path.join(dir, "changing.csv");
    fs.copyFileSync(SAMPLE, file);
    await readCatalog(file, cacheDir);
    fs.writeFileSync(file, fs.readFileSync(SAMPLE, "utf8").replace("Levitating (feat. DaBaby)", "Levitating (feat. Someone)"));
    const changed = await readCatalog(file, cacheDir);
    expect(changed.origin).toBe("built");
    expect(changed.getById("5nujrmhLynf4yMoMtj8AQF")!.track.title).toBe("Levitating (feat. Someone)");
    expect(cacheFiles(cacheDir)).toHaveLength(2);
  });

  it("still loads when the cache folder cannot be written", async () => {
    const blocker = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "x");
    const catalog = await readCatalog(SAMPLE, path.join(blocker, "cache"));
    expect(catalog.size).toBe(20);
  });
});
