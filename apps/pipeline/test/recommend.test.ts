// The recommend CLI's core against a real database filled by the pipeline (fixtures), with the offline catalog resolver.
import path from "node:path";
import { createTestDatabase, type TTestDatabase } from "@anisong/db";
import { createSongResolver } from "@anisong/providers";
import { runAll } from "../src";
import { recommendSteeredSongs } from "../src/recommend/recommend-song";
import { createWorkspace, FIXTURES, type TWorkspace } from "./helpers";

// One seed and no steering: what `pnpm recommend --title … --artist …` asks.
const oneSong = (query: { title: string; artist?: string }) => [{ input: "", queries: [query] }];

describe("recommendSteeredSongs with one seed", () => {
  let t: TTestDatabase;
  let ws: TWorkspace;
  const resolver = createSongResolver({ providers: ["catalog"], catalogPath: path.join(FIXTURES, "catalog-small.csv.gz") });
  beforeAll(async () => {
    t = await createTestDatabase({ kind: "pglite" });
    ws = createWorkspace({ train: { k: 3 }, evaluate: { threshold: -1 } });
    ws.ctx.database = t.config;
  }, 60_000);
  afterAll(async () => {
    ws?.remove();
    await t?.drop();
  });

  it("explains that the pipeline must run first when there is no active model", async () => {
    await expect(recommendSteeredSongs({ db: t.db, resolver, seeds: oneSong({ title: "怪物" }), topN: 5 })).rejects.toThrow(
      "no active model in the database: run `pnpm run pipeline all` first",
    );
  });

  it("ranks the songs of the query's cluster by similarity, never recommending the song itself", async () => {
    await runAll(ws.ctx);
    const r = await recommendSteeredSongs({ db: t.db, resolver, seeds: oneSong({ title: "怪物", artist: "YOASOBI" }), topN: 5 });
    expect(r.seeds[0]!.song.track.id).toBe("06XQvnJb53SUYmlWIhUXUi");
    expect(r.items).toHaveLength(5);
    expect(r.items.map((i) => i.trackId)).not.toContain("06XQvnJb53SUYmlWIhUXUi");
    const sims = r.items.map((i) => i.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    expect(r.cluster.label).toMatch(/ · /);
    const members = await t.db.songCluster.findMany({ where: { modelId: r.modelVersion, clusterIndex: r.cluster.index } });
    for (const item of r.items) expect(members.map((m) => m.songId)).toContain(item.trackId);
  }, 60_000);

  it("gives one entry per song and at most maxPerArtist songs per lead artist", async () => {
    const count = (artists: string[][]) => {
      const perArtist = new Map<string, number>();
      for (const a of artists) perArtist.set(a[0] ?? "", (perArtist.get(a[0] ?? "") ?? 0) + 1);
      return Math.max(...perArtist.values());
    };
    for (const maxPerArtist of [1, 2]) {
      const r = await recommendSteeredSongs({
        db: t.db,
        resolver,
        seeds: oneSong({ title: "怪物", artist: "YOASOBI" }),
        topN: 20,
        maxPerArtist,
      });
      expect(count(r.items.filter((i) => i.artists.length > 0).map((i) => i.artists))).toBeLessThanOrEqual(maxPerArtist);
      const titles = r.items.map((i) => `${i.title}|${i.artists[0] ?? i.trackId}`);
      expect(new Set(titles).size).toBe(titles.length);
    }
  }, 60_000);
});
