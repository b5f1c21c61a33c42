// The derived cache on the full public dataset: a catalog read back from it holds exactly what a fresh build holds
// and answers exactly alike (the 20-row sample in load-catalog.test.ts covers corrupt and stale files).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultCatalogPath, readCatalog } from "../src/catalog/load-catalog";
import type { Catalog } from "../src";

let dir: string;
let built: Catalog;
let cached: Catalog;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-catalog-cache-test-"));
  built = await readCatalog(defaultCatalogPath(), dir);
  cached = await readCatalog(defaultCatalogPath(), dir);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("derived catalog cache on the full dataset", () => {
  it("reads back every column, list and index the build made", () => {
    expect(built.origin).toBe("built");
    expect(cached.origin).toBe("cache");
    expect(cached.toSnapshot()).toEqual(built.toSnapshot());
  });

  it("answers searches and id lookups exactly like the build", () => {
    const { data } = built.toSnapshot();
    const queries: { title?: string; artist?: string }[] = [];
    for (let slot = 0; slot < data.ids.length; slot += 1499) {
      const title = data.titles[slot]!;
      const typo = title.length > 4 ? title.slice(0, 2) + title[3] + title[2] + title.slice(4) : title;
      queries.push({ title, artist: data.artists[slot]![0] }, { title: typo }, { artist: data.artists[slot]!.join(" ") });
    }
    const answer = (c: Catalog, query: (typeof queries)[number]) => {
      try {
        return c.search(query, { limit: 10 });
      } catch (error) {
        return (error as Error).message; // e.g. a title that normalises to nothing
      }
    };
    for (const query of queries) expect(answer(cached, query)).toEqual(answer(built, query));
    for (let slot = 0; slot < data.ids.length; slot += 97) expect(cached.getById(data.ids[slot]!)).toEqual(built.getById(data.ids[slot]!));
  });
});
