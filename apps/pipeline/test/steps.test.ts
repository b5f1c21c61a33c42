import fs from "node:fs";
import path from "node:path";
import { FEATURE_NAMES } from "@anisong/core-ml";
import { createTestDatabase, type TTestDatabase } from "@anisong/db";
import { artifactPaths, EvaluationFailedError, PipelineError, runStep } from "../src";
import { createWorkspace, readJsonFile, type TWorkspace } from "./helpers";

describe("pipeline steps on small fixtures (seed dataset)", () => {
  let ws: TWorkspace;
  let p: ReturnType<typeof artifactPaths>;
  beforeAll(() => {
    ws = createWorkspace({ train: { k: 3 } });
    p = artifactPaths(ws.ctx.config);
  });
  afterAll(() => ws.remove());

  it("acquire copies the raw CSV into the local raw store and logs what it read and wrote", async () => {
    await runStep(ws.ctx, "acquire");
    const stored = path.join(ws.dir, "data/store/seed-small.csv");
    expect(fs.readFileSync(stored)).toEqual(fs.readFileSync(ws.ctx.config.paths.seed));
    expect(readJsonFile(p.acquireReport).objects).toHaveLength(1);
    expect(ws.ctx.log.lines.some((l) => l.startsWith("  read  ") && l.includes("seed-small.csv"))).toBe(true);
    expect(ws.ctx.log.lines.some((l) => /^✓ acquire in \d+\.\d\d s$/.test(l))).toBe(true);
  });

  it("clean validates, drops the repeated id, keeps 59 songs and adds artists from the catalog where the id is known", async () => {
    await runStep(ws.ctx, "clean");
    const { songs, dataset } = readJsonFile(p.cleanSongs);
    expect(dataset).toBe("seed");
    expect(songs).toHaveLength(59);
    const report = readJsonFile(p.cleanReport);
    expect(report).toMatchObject({ passed: true, badRows: [], badRowShare: 0 });
    // the fixture repeats 2aWtTHMBKdd6NfKT2GMfiK on spreadsheet rows 2 and 9
    expect(report.duplicateRows).toEqual([{ file: "seed-small.csv", row: 9, id: "2aWtTHMBKdd6NfKT2GMfiK", firstRow: 2 }]);
    expect(ws.ctx.log.lines).toContain("  dropped duplicate seed-small.csv:9 (2aWtTHMBKdd6NfKT2GMfiK, first at row 2)");
    expect(report.enrichedFromCatalog).toBe(26); // fixture: 26 distinct seed ids appear in the catalog fixture
    const enriched = songs.filter((s: { artists: string[] }) => s.artists.length > 0);
    expect(enriched).toHaveLength(26);
    expect(enriched[0].genres.length).toBeGreaterThan(0);
    expect(songs.every((s: { source: string }) => s.source === "seed")).toBe(true);
  });

  it("featurize writes standardised features (mean 0, std 1 per column) and the scaler", async () => {
    await runStep(ws.ctx, "featurize");
    const f = readJsonFile(p.features);
    expect(f.featureNames).toEqual([...FEATURE_NAMES]);
    for (let j = 0; j < 9; j++) {
      const col = f.scaled.map((r: number[]) => r[j]);
      const mean = col.reduce((a: number, b: number) => a + b, 0) / col.length;
      const std = Math.sqrt(col.reduce((a: number, b: number) => a + (b - mean) ** 2, 0) / col.length);
      expect(mean).toBeCloseTo(0, 10);
      expect(std).toBeCloseTo(1, 10);
    }
    const scaler = readJsonFile(p.scaler);
    expect(scaler.fittedOn).toBe(f.dataHash);
    expect(scaler.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("train writes a content-versioned model, each song's cluster and anime_clusters.csv; retraining gives the same version", async () => {
    ws.ctx.flags.sweep = { from: 2, to: 6 };
    await runStep(ws.ctx, "train");
    ws.ctx.flags.sweep = undefined;
    const report = readJsonFile(p.trainReport);
    const modelFile = p.model(report.modelVersion);
    const model = readJsonFile(modelFile);
    expect(model).toMatchObject({ k: 3, version: report.modelVersion, assignment: "cosine", trainingRows: 59 });
    expect(report.clusters.reduce((n: number, c: { size: number }) => n + c.size, 0)).toBe(59);
    expect(report.clusters[0].label).toMatch(/^[a-z ]+ · [a-z ]+$/);
    const csv = fs.readFileSync(p.clustersCsv, "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe(
      ["id", "title", "artists", "album", "popularity", "source", "cluster", "cluster_label", ...FEATURE_NAMES].join(","),
    );
    expect(csv).toHaveLength(60);

    const sweep = readJsonFile(p.sweepJson);
    expect(sweep.points.map((pt: { k: number }) => pt.k)).toEqual([2, 3, 4, 5, 6]);
    expect(sweep.points.find((pt: { k: number }) => pt.k === 3).inertia).toBeCloseTo(model.inertia, 6);
    const svg = fs.readFileSync(p.sweepSvg, "utf8");
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain("silhouette");

    const before = fs.readFileSync(modelFile, "utf8");
    await runStep(ws.ctx, "train");
    expect(readJsonFile(p.trainReport).modelVersion).toBe(report.modelVersion);
    expect(fs.readFileSync(modelFile, "utf8")).toBe(before);
    expect(fs.readdirSync(path.dirname(modelFile)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("score places the five sample songs with the model's rule", async () => {
    await runStep(ws.ctx, "score");
    const report = readJsonFile(p.scoreReport);
    expect(report.songs.map((s: { title: string }) => s.title)).toEqual([
      "Levitating",
      "Getaway Car",
      "Give me one reason",
      "Harleys in Hawaii",
      "Lucid Dreams",
    ]);
    for (const s of report.songs) expect([0, 1, 2]).toContain(s.cluster);
    expect(fs.readFileSync(p.scoredCsv, "utf8").split("\n")[0]).toBe("title,id,cluster,cluster_label");
  });

  it("evaluate refuses to publish below the threshold, and ingest then refuses the model unless forced", async () => {
    ws.ctx.config.evaluate.threshold = 0.99;
    await expect(runStep(ws.ctx, "evaluate")).rejects.toThrow(EvaluationFailedError);
    await expect(runStep(ws.ctx, "evaluate")).rejects.toThrow(/not published: sample silhouette (-?\d\.\d{4}|is undefined.*)/);
    expect(fs.existsSync(p.activeModel)).toBe(false);
    const report = readJsonFile(p.evaluateReport);
    expect(report).toMatchObject({ passed: false, published: false, threshold: 0.99, metric: "sample" });
    expect(report.trainingSilhouette).toBeCloseTo(readJsonFile(p.trainReport).silhouette, 12);

    await expect(runStep(ws.ctx, "ingest")).rejects.toThrow(/failed evaluation .*refusing to ingest/);
  });

  it("evaluate publishes models/active.json when the metric reaches the threshold", async () => {
    ws.ctx.config.evaluate = { threshold: -1, metric: "training" };
    await runStep(ws.ctx, "evaluate");
    const version = readJsonFile(p.trainReport).modelVersion;
    expect(fs.readFileSync(p.activeModel, "utf8")).toBe(fs.readFileSync(p.model(version), "utf8"));
    expect(readJsonFile(p.evaluateReportFor(version))).toMatchObject({ passed: true, published: true });
  });

  it("steps explain which earlier step to run when an artifact is missing", async () => {
    const fresh = createWorkspace();
    try {
      await expect(runStep(fresh.ctx, "clean")).rejects.toThrow(/not found in the raw store \(run `pnpm run pipeline acquire` first\)/);
      await expect(runStep(fresh.ctx, "featurize")).rejects.toThrow(/songs\.json not found: run `pnpm run pipeline clean` first/);
      await expect(runStep(fresh.ctx, "ingest")).rejects.toThrow(PipelineError);
    } finally {
      fresh.remove();
    }
  });
});

describe("clean on the anime-catalog dataset (fixture catalog)", () => {
  it("merges the catalog's anime rows, dropping those with a seed id or identical features", async () => {
    const ws = createWorkspace({ dataset: "anime-catalog" });
    try {
      await runStep(ws.ctx, "acquire");
      expect(fs.existsSync(path.join(ws.dir, "data/store/catalog-small.csv.gz"))).toBe(true);
      await runStep(ws.ctx, "clean");
      const report = readJsonFile(artifactPaths(ws.ctx.config).cleanReport);
      // fixture: 60 anime rows = 16 seed ids + 4 same-features-other-id + 40 new; 10 pop rows are ignored
      expect(report.files[1]).toMatchObject({ file: "catalog-small.csv.gz", rows: 60, bad: 0 });
      expect(report.dropped).toEqual({ sameIdAsSeed: 16, sameFeaturesAsSeed: 4, sameFeaturesInCatalog: 0 });
      const { songs } = readJsonFile(artifactPaths(ws.ctx.config).cleanSongs);
      expect(songs).toHaveLength(99);
      const fromCatalog = songs.filter((s: { source: string }) => s.source === "catalog:anime");
      expect(fromCatalog).toHaveLength(40);
      expect(fromCatalog[0].artists.length).toBeGreaterThan(0);
      expect(fromCatalog[0].genres).toContain("anime");
      expect(new Set(songs.map((s: { id: string }) => s.id)).size).toBe(99);
    } finally {
      ws.remove();
    }
  });
});

describe("ingest step", () => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind: "pglite" });
  }, 60_000);
  afterAll(async () => t?.drop());

  it("writes an evaluated model; --force ingests one that failed, leaving the database unchanged before that", async () => {
    const ws = createWorkspace({ train: { k: 3 }, evaluate: { threshold: 0.99 } });
    ws.ctx.database = t.config;
    try {
      for (const step of ["acquire", "clean", "featurize", "train", "score"] as const) await runStep(ws.ctx, step);
      await expect(runStep(ws.ctx, "evaluate")).rejects.toThrow(EvaluationFailedError);
      await expect(runStep(ws.ctx, "ingest")).rejects.toThrow(/refusing to ingest/);
      expect(await t.db.model.count()).toBe(0);
      expect(await t.db.song.count()).toBe(0);

      ws.ctx.flags.force = true;
      await runStep(ws.ctx, "ingest");
      expect(ws.ctx.log.lines.some((l) => l.includes("ingesting anyway (--force)"))).toBe(true);
      const version = readJsonFile(artifactPaths(ws.ctx.config).trainReport).modelVersion;
      const model = await t.db.model.findUniqueOrThrow({ where: { id: version }, include: { clusters: true } });
      expect(model.isActive).toBe(true);
      expect(model.clusters).toHaveLength(3);
      expect(await t.db.song.count()).toBe(59);
      const withArtists = await t.db.song.count({ where: { NOT: { artists: { isEmpty: true } } } });
      expect(withArtists).toBe(26);
    } finally {
      ws.remove();
    }
  }, 60_000);
});
