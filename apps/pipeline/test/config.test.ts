import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FEATURE_NAMES } from "@anisong/core-ml";
import { loadPipelineConfig, PipelineError, resolvePipelineConfig } from "../src";

describe("pipeline config", () => {
  it("defaults to the seed's choices", () => {
    const c = resolvePipelineConfig({ rootDir: "/repo" });
    expect(c.features).toEqual([...FEATURE_NAMES]);
    expect(c.train).toMatchObject({ k: 5, seed: 42, nInit: 10, assignment: "cosine" });
    expect(c.evaluate).toEqual({ threshold: 0.2, metric: "sample" });
    expect(c.recommend.topN).toBe(10);
    expect(c.dataset).toBe("seed");
    expect(c.clean.maxBadRowShare).toBe(0.05);
    expect(c.paths.seed).toBe(path.join("/repo", "data/raw/anime_songs.csv"));
    expect(c.paths.models).toBe(path.join("/repo", "models"));
    expect(c.columns.seed.title).toBe("name");
  });

  it("keeps absolute paths and s3:// locations as they are", () => {
    const c = resolvePipelineConfig({ rootDir: "/repo", paths: { rawStore: "s3://bucket/raw", models: "/tmp/m" } });
    expect(c.paths.rawStore).toBe("s3://bucket/raw");
    expect(c.paths.models).toBe("/tmp/m");
  });

  it("rejects invalid values and unknown keys with the path of the problem", () => {
    expect(() => resolvePipelineConfig({ train: { k: 1 } })).toThrow(PipelineError);
    expect(() => resolvePipelineConfig({ train: { k: 1 } })).toThrow(/train\.k/);
    expect(() => resolvePipelineConfig({ features: ["energy", "loudnes"] })).toThrow(/features\.1/);
    expect(() => resolvePipelineConfig({ treshold: 0.3 })).toThrow(/treshold/);
    expect(() => resolvePipelineConfig({ sweep: { from: 8, to: 4 } })).toThrow(/sweep/);
  });

  it("loads a JSON file, resolves its rootDir against the file, and applies overrides last", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-config-"));
    try {
      const file = path.join(dir, "pipeline.json");
      fs.writeFileSync(file, JSON.stringify({ rootDir: ".", train: { k: 7 }, evaluate: { metric: "training" } }));
      const c = loadPipelineConfig({ file, overrides: (raw) => ((raw.train as { seed?: number }).seed = 1) });
      expect(c.rootDir).toBe(dir);
      expect(c.train).toMatchObject({ k: 7, seed: 1 });
      expect(c.evaluate).toEqual({ threshold: 0.2, metric: "training" });
      fs.writeFileSync(file, "{ not json");
      expect(() => loadPipelineConfig({ file })).toThrow(/is not valid JSON/);
      expect(() => loadPipelineConfig({ file: path.join(dir, "missing.json") })).toThrow(/config file not found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
