// Catalog file handling on a 20-row sample of real rows (the full file is covered by catalog.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { CatalogLoadError, loadCatalog } from "../src";

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
    const [plain, zipped] = await Promise.all([loadCatalog({ path: SAMPLE }), loadCatalog({ path: gz })]);
    expect(plain.stats).toMatchObject({ rows: 21, tracks: 20, rejected: 0 });
    expect(zipped.stats).toEqual(plain.stats);
    expect(zipped.getById("5nujrmhLynf4yMoMtj8AQF")!.track.genres).toEqual(["dance", "pop"]);
  });

  it("shares one load between concurrent callers", async () => {
    const file = path.join(dir, "copy.csv");
    fs.copyFileSync(SAMPLE, file);
    const [a, b] = await Promise.all([loadCatalog({ path: file }), loadCatalog({ path: file })]);
    expect(a).toBe(b);
  });

  it("fails clearly on a missing file and does not cache the failure", async () => {
    const file = path.join(dir, "later.csv");
    await expect(loadCatalog({ path: file })).rejects.toThrow(CatalogLoadError);
    fs.copyFileSync(SAMPLE, file);
    expect((await loadCatalog({ path: file })).size).toBe(20);
  });

  it("fails clearly on a file with the wrong columns", async () => {
    const file = path.join(dir, "wrong.csv");
    fs.writeFileSync(file, "id,name\n1,x\n");
    await expect(loadCatalog({ path: file })).rejects.toThrow(/unexpected header/);
  });

  it("skips and reports rows with invalid values", async () => {
    const lines = fs.readFileSync(SAMPLE, "utf8").trimEnd().split("\n");
    // Row 2: danceability out of range; row 3: a malformed id.
    lines[1] = lines[1]!.replace(",0.676,", ",7.5,");
    lines[2] = lines[2]!.replace("4qPNDBW1i3p13qLCt0Ki3A", "not-an-id");
    const file = path.join(dir, "bad-rows.csv");
    fs.writeFileSync(file, lines.join("\n"));
    const catalog = await loadCatalog({ path: file });
    expect(catalog.stats).toMatchObject({ tracks: 18, rejected: 2 });
    expect(catalog.getById("5SuOikwiRyPMVoIQDJUgSV")).toBeUndefined();
  });
});
