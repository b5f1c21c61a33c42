// The library step on the small fixtures: seed + the fixture catalog's anime rows, placed by the published model.
import fs from "node:fs";
import { artifactPaths, PipelineError, runStep } from "../src";
import os from "node:os";
import path from "node:path";
import { libraryPaths, readHandChecked } from "../src/steps/library";
import { createWorkspace, readJsonFile, type TWorkspace } from "./helpers";

describe("library step", () => {
  let ws: TWorkspace;
  beforeAll(async () => {
    ws = createWorkspace({ train: { k: 3 }, evaluate: { threshold: -1, metric: "training" } });
    for (const step of ["acquire", "clean", "featurize", "train", "score", "evaluate"] as const) await runStep(ws.ctx, step);
  }, 120_000);
  afterAll(() => ws.remove());

  it("refuses to run without a published model", async () => {
    const fresh = createWorkspace();
    try {
      await expect(runStep(fresh.ctx, "library")).rejects.toThrow(PipelineError);
      await expect(runStep(fresh.ctx, "library")).rejects.toThrow(/no published model .*run `pnpm run pipeline all` first/);
    } finally {
      fresh.remove();
    }
  });

  it("writes one entry per recording with provenance, kind and cluster; seed songs keep their training cluster", async () => {
    await runStep(ws.ctx, "library");
    const out = libraryPaths(ws.ctx);
    const { songs, modelVersion, schemaVersion } = readJsonFile(out.library);
    const labels = readJsonFile(artifactPaths(ws.ctx.config).labels);
    expect(schemaVersion).toBe(1);
    expect(modelVersion).toBe(labels.modelVersion);

    const seedIds = new Set<string>(labels.trackIds);
    const ids = songs.flatMap((s: any) => [s.id, ...s.alternateIds]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of seedIds) expect(ids).toContain(id);
    expect(songs.length).toBeGreaterThan(seedIds.size);

    const recordings = songs.map((s: any) => JSON.stringify([s.features, s.durationMs]));
    expect(new Set(recordings).size).toBe(recordings.length);
    const canonicalKeys = songs.filter((s: any) => !s.isVersion).map((s: any) => s.songKey);
    expect(new Set(canonicalKeys).size).toBe(canonicalKeys.length);

    for (const s of songs) {
      expect(s.clusterIndex).toBeGreaterThanOrEqual(0);
      expect(s.clusterIndex).toBeLessThan(3);
      expect(["original", "soundtrack", "cover"]).toContain(s.kind);
      expect(s.provenance.length).toBeGreaterThan(0);
    }
    labels.trackIds.forEach((id: string, i: number) => {
      const song = songs.find((s: any) => s.id === id || s.alternateIds.includes(id));
      if (song.id === id) expect(song.clusterIndex).toBe(labels.labels[i]);
    });

    const report = readJsonFile(out.report);
    expect(report.size).toBe(songs.length);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(report.clusters.seedOnly)).toBe(songs.filter((s: any) => s.provenance.includes("seed")).length);
    expect(sum(report.clusters.withExtraSongs)).toBe(songs.length);
    expect(report.kinds.original + report.kinds.soundtrack + report.kinds.cover).toBe(songs.length);
    expect(fs.existsSync(out.library)).toBe(true);
  });

  it("reads the hand-checked sample and names the row of a bad judgement", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "anisong-hand-")), "sample.csv");
    const header = "id,title,album,artists,instrumentalness,true_kind,true_anime_title,true_tie_in,note";
    fs.writeFileSync(file, `${header}\n1HXRpsMd3FJIvYQeNNVKQS,from the edge,,FictionJunction;LiSA,0.0,original,鬼滅の刃,yes,\n`);
    expect(readHandChecked(file)).toEqual([
      {
        id: "1HXRpsMd3FJIvYQeNNVKQS",
        title: "from the edge",
        album: null,
        artists: ["FictionJunction", "LiSA"],
        instrumentalness: 0,
        trueKind: "original",
        trueAnimeTitle: "鬼滅の刃",
        trueTieIn: "yes",
      },
    ]);
    fs.appendFileSync(file, "0GLQUeZqyIp8ay2PSM4Fcq,最恐,,,0.84,soundtrak,呪術廻戦,yes,\n");
    expect(() => readHandChecked(file)).toThrow(/sample\.csv:3: true_kind: /);
    expect(readHandChecked(path.join(path.dirname(file), "missing.csv"))).toBeNull();
  });
});
