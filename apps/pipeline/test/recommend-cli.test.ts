// The recommend CLI in-process: a real PGlite database filled by the pipeline on fixtures, the offline catalog
// resolver, and the table it prints; plus each way it can fail.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closePrismaClient, createPrismaClient, createTestDatabase, type TTestDatabase } from "@anisong/db";
import { createSongResolver } from "@anisong/providers";
import { runAll } from "../src";
import { main } from "../src/cli/recommend";
import { displayWidth, fitWidth } from "../src/cli/terminal-table";
import { createWorkspace, FIXTURES, type TWorkspace } from "./helpers";

const resolver = createSongResolver({
  providers: ["catalog"],
  catalogPath: path.join(FIXTURES, "catalog-small.csv.gz"),
  catalogCacheDir: false,
});

async function run(argv: string[], db: TTestDatabase["db"], r = resolver) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { db, resolver: r, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("pnpm recommend", () => {
  let t: TTestDatabase;
  let ws: TWorkspace;
  beforeAll(async () => {
    t = await createTestDatabase({ kind: "pglite" });
    ws = createWorkspace({ train: { k: 3 }, evaluate: { threshold: -1 } });
    ws.ctx.database = t.config;
  }, 60_000);
  afterAll(async () => {
    ws?.remove();
    await t?.drop();
  });

  it("asks for the pipeline first when there is no active model", async () => {
    const r = await run(["怪物"], t.db);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("recommend: no active model in the database: run `pnpm run pipeline all` first");
  });

  it("says the same for a database without tables", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-unmigrated-"));
    const db = await createPrismaClient({ kind: "pglite", dataDir });
    try {
      const r = await run(["怪物"], db);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe("recommend: the database has no Anisong tables yet: run `pnpm run pipeline all` first");
    } finally {
      await closePrismaClient(db);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000); // opens a fresh PGlite folder: seconds, more on a loaded machine

  it("prints the resolved track, its feature source, its cluster and the top-N as a table", async () => {
    await runAll(ws.ctx);
    const r = await run(["怪物", "--artist", "YOASOBI", "--top", "5"], t.db);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("怪物 — YOASOBI  https://open.spotify.com/track/06XQvnJb53SUYmlWIhUXUi");
    expect(lines[1]).toMatch(/^features from catalog \(catalog: matched "怪物" by YOASOBI \(exact\)\)$/);
    const cluster = /^cluster (\d+) "(.+)" \((\d+) songs\) · model ([0-9a-f]{16,})$/.exec(lines[2]!);
    expect(cluster).not.toBeNull();
    expect(lines[4]).toMatch(/^ ?#  title +artists +similarity  cluster +spotify$/);
    const rows = lines.slice(6);
    expect(rows).toHaveLength(5);
    const sims = rows.map((row, i) => {
      expect(row).toMatch(new RegExp(`^ ?${i + 1}  .+  ${cluster![1]} .+  https://open\\.spotify\\.com/track/[0-9A-Za-z]{22}$`));
      expect(row).not.toContain("06XQvnJb53SUYmlWIhUXUi"); // never the song itself
      return Number(/  (\d\.\d{3})  /.exec(row)![1]);
    });
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    // Columns line up in terminal cells even with Japanese titles: every link starts in the same column.
    const linkColumns = rows.map((row) => displayWidth(row.slice(0, row.indexOf("https://"))));
    expect(new Set(linkColumns).size).toBe(1);
  }, 60_000);

  it("steers with several seeds, an avoided song, targets and a tempo range, and prints JSON", async () => {
    const argv = ["--seed", "怪物 by YOASOBI", "--seed", "明け星", "--avoid", "6wOazYrDGLhMAhwU6RArlg"];
    const options = ["--more", "energy", "--less", "acousticness", "--tempo-min", "90", "--tempo-max", "170", "--max-per-artist", "1"];
    const r = await run([...argv, ...options, "--variety", "0.3", "--top", "8", "--json"], t.db);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      query: { seeds: string[]; avoid: string[] };
      seeds: { input: string; trackId: string; title: string; source: string; features: { energy: number } }[];
      avoid: { trackId: string; source: string }[];
      options: { topN: number; maxPerArtist: number; variety: number; targets: object; tempoRange: object };
      model: string;
      cluster: { index: number; label: string; size: number };
      shifts: object;
      steps: { energy: number; tempo: number };
      items: {
        rank: number;
        trackId: string;
        artists: string[];
        similarity: number;
        seedSimilarities: number[];
        avoidSimilarities: number[];
        features: { tempo: number };
      }[];
    };
    expect(json.query).toEqual({ seeds: ["怪物 by YOASOBI", "明け星"], avoid: ["6wOazYrDGLhMAhwU6RArlg"] });
    // 明け星 is in the library twice (single and album, the same audio features): either id may answer, and
    // neither may come back.
    const akeboshi = ["60iYkEAcSpAFcsjRrgTlrc", "3J34JtfZNylVXSKN4TDf12"];
    expect(json.seeds.map((s) => s.title)).toEqual(["怪物", "明け星"]);
    expect(json.seeds[0]!.trackId).toBe("06XQvnJb53SUYmlWIhUXUi");
    expect(akeboshi).toContain(json.seeds[1]!.trackId);
    for (const s of [...json.seeds, ...json.avoid]) expect(["library", "catalog"]).toContain(s.source);
    expect(json.avoid[0]!.trackId).toBe("6wOazYrDGLhMAhwU6RArlg");
    expect(json.options).toEqual({
      topN: 8,
      maxPerArtist: 1,
      variety: 0.3,
      targets: { energy: "more", acousticness: "less" },
      tempoRange: { min: 90, max: 170 },
    });
    expect(json.shifts).toEqual({ energy: 0.5, acousticness: -0.5 });
    expect(json.steps.tempo).toBeGreaterThan(1); // half a standard deviation of tempo, in BPM
    expect(json.items.length).toBeGreaterThan(0);
    expect(json.items.length).toBeLessThanOrEqual(8);
    const given = ["06XQvnJb53SUYmlWIhUXUi", ...akeboshi, "6wOazYrDGLhMAhwU6RArlg"];
    const leads = json.items.map((i) => i.artists[0]).filter(Boolean);
    expect(new Set(leads).size).toBe(leads.length);
    json.items.forEach((item, i) => {
      expect(item.rank).toBe(i + 1);
      expect(given).not.toContain(item.trackId);
      expect(item.features.tempo).toBeGreaterThanOrEqual(90);
      expect(item.features.tempo).toBeLessThanOrEqual(170);
      expect(item.seedSimilarities).toHaveLength(2);
      expect(item.avoidSimilarities).toHaveLength(1);
      for (const c of [item.similarity, ...item.seedSimilarities, ...item.avoidSimilarities]) expect(Math.abs(c)).toBeLessThanOrEqual(1);
    });
    const members = await t.db.songCluster.findMany({ where: { modelId: json.model, clusterIndex: json.cluster.index } });
    for (const item of json.items) expect(members.map((m) => m.songId)).toContain(item.trackId);
  }, 60_000);

  it("--more energy raises the list's mean energy; the table shows every seed beside each pick", async () => {
    const meanEnergy = async (extra: string[]) => {
      const r = await run(["怪物", "--artist", "YOASOBI", "--top", "10", "--json", ...extra], t.db);
      expect(r.code).toBe(0);
      const items = (JSON.parse(r.stdout) as { items: { features: { energy: number } }[] }).items;
      return items.reduce((sum, i) => sum + i.features.energy, 0) / items.length;
    };
    expect(await meanEnergy(["--more", "energy"])).toBeGreaterThan(await meanEnergy([]));
    expect(await meanEnergy(["--less", "energy"])).toBeLessThan(await meanEnergy([]));
    const table = await run(["--seed", "怪物 by YOASOBI", "--seed", "明け星 by LiSA", "--less", "mood", "--top", "3"], t.db);
    expect(table.code).toBe(0);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toMatch(/^seed 1: 怪物 — YOASOBI  https:\/\/open\.spotify\.com\/track\/06XQvnJb53SUYmlWIhUXUi$/);
    expect(lines[2]).toMatch(/^seed 2: 明け星 — LiSA  /);
    expect(lines[4]).toMatch(/^steering: less valence \(−0\.\d{3}\)$/);
    expect(lines[7]).toMatch(/^ ?#  title +artists +similarity  vs seeds +cluster +spotify$/);
    for (const row of lines.slice(9)) expect(row).toMatch(/  \d\.\d{3}  -?\d\.\d\d -?\d\.\d\d  /);
  }, 60_000);

  it("answers a missing song with the hint and suggestions", async () => {
    const r = await run(["City of Stars"], t.db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^recommend: No confident match for "City of Stars"\. Not found offline\. Set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET/,
    );
  });

  it("lists every provider's reason when none can answer", async () => {
    const offline = createSongResolver({
      providers: ["catalog", "reccobeats"],
      catalogPath: path.join(FIXTURES, "catalog-small.csv.gz"),
      catalogCacheDir: false,
      reccobeatsApiBase: "http://127.0.0.1:9",
      timeoutMs: 500,
    });
    const r = await run(["--track", "spotify:track:0000000000000000000000"], t.db, offline);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toEqual([
      "recommend: no provider could resolve the song:",
      "  catalog: not in the offline catalog",
      expect.stringMatching(/^  reccobeats: network error/),
    ]);
  });

  it("prints usage and exits 2 on bad arguments", async () => {
    for (const argv of [
      [],
      ["--top", "0", "x"],
      ["x", "--max-per-artist", "0"],
      ["x", "--max-per-artist", "two"],
      ["--track", "https://example.com/track/x"],
      ["x", "--bogus"],
      ["x", "--top", "51"],
      ["--seed", "a", "--seed", "b", "--seed", "c", "--seed", "d", "--seed", "e", "--seed", "f"],
      ["x", ...["a", "b", "c", "d", "e", "f"].flatMap((a) => ["--avoid", a])],
      ["x", "--more", "loudness"],
      ["x", "--more", "energy", "--less", "energy"],
      ["x", "--variety", "1.5"],
      ["x", "--variety", ""],
      ["x", "--tempo-min", "150", "--tempo-max", "100"],
      ["x", "--tempo-max", "fast"],
      ["x", "--seed", "   "],
    ]) {
      const r = await run(argv, t.db);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("usage: pnpm run recommend");
    }
  });
});

describe("terminal width", () => {
  it("counts CJK and full-width characters as two cells", () => {
    expect(displayWidth("Levitating")).toBe(10);
    expect(displayWidth("紅蓮華")).toBe(6);
    expect(displayWidth("ｼﾙｴｯﾄ")).toBe(5); // half-width katakana: one cell each
    expect(displayWidth("ＬｉＳＡ")).toBe(8);
  });

  it("cuts to a width with an ellipsis", () => {
    expect(fitWidth("残酷な天使のテーゼ", 9)).toBe("残酷な天…");
    expect(displayWidth(fitWidth("残酷な天使のテーゼ", 9))).toBeLessThanOrEqual(9);
    expect(fitWidth("short", 9)).toBe("short");
  });
});
