// The cache warmed ahead of the server (`pnpm catalog:warm`) on the 20-row sample: written once, then found, then
// read by a later load; an unwritable folder fails clearly, where a plain load only skips the cache.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CatalogLoadError, warmCatalogCache } from "../src";
import { readCatalogThroughCache } from "../src/catalog/load-catalog";

const SAMPLE = path.join(__dirname, "fixtures", "catalog-sample.csv");
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-warm-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it("writes the cache once, then finds it, and a later load reads it instead of parsing the file", async () => {
  const first = await warmCatalogCache({ path: SAMPLE, cacheDir: dir });
  expect(first).toMatchObject({ status: "written", tracks: 20 });
  expect(first.status !== "off" && fs.existsSync(first.cacheFile)).toBe(true);
  expect(await warmCatalogCache({ path: SAMPLE, cacheDir: dir })).toEqual({ ...first, status: "found" });
  const read = await readCatalogThroughCache(SAMPLE, dir);
  expect(read.cache).toBe("read");
  expect(read.catalog.getById("5nujrmhLynf4yMoMtj8AQF")!.track.genres).toEqual(["dance", "pop"]);
});

it("does nothing when the cache is off", async () => {
  expect(await warmCatalogCache({ path: SAMPLE, cacheDir: false })).toEqual({ status: "off" });
});

it("fails clearly when the cache cannot be written, where a plain read goes on without it", async () => {
  const notAFolder = path.join(dir, "file");
  fs.writeFileSync(notAFolder, "");
  const cacheDir = path.join(notAFolder, "cache");
  await expect(warmCatalogCache({ path: SAMPLE, cacheDir })).rejects.toThrow(CatalogLoadError);
  await expect(warmCatalogCache({ path: SAMPLE, cacheDir })).rejects.toThrow(/could not be written to .*file\/cache/);
  expect((await readCatalogThroughCache(SAMPLE, cacheDir)).cache).toBe("unwritten");
});

describe("the command (pnpm catalog:warm)", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "src", "cli", "warm-catalog.ts")], {
      env: { PATH: process.env.PATH ?? "", ANISONG_CATALOG_PATH: SAMPLE, ...env },
      encoding: "utf8",
    });

  it("warms the folder the environment names, and says so", () => {
    const result = run({ ANISONG_CATALOG_CACHE_DIR: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/cache written in [\d.]+ s \(20 tracks\)/);
    expect(fs.readdirSync(dir)).toHaveLength(1);
    expect(run({ ANISONG_CATALOG_CACHE_DIR: dir }).stdout).toMatch(/cache found/);
  });

  it("skips a server without the catalog provider, and fails with exit 1 on an unwritable folder", () => {
    const skipped = run({ ANISONG_CATALOG_CACHE_DIR: dir, ANISONG_PROVIDERS: "library" });
    expect(skipped.stdout).toMatch(/leaves out the catalog/);
    expect(fs.readdirSync(dir)).toHaveLength(0);
    fs.writeFileSync(path.join(dir, "file"), "");
    const failed = run({ ANISONG_CATALOG_CACHE_DIR: path.join(dir, "file", "cache") });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/catalog:warm failed: The catalog cache could not be written/);
  });
});
