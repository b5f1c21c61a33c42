// `pnpm run pipeline experiment start|status|stop` against a real PGlite database (in process), and its usage
// errors through the real CLI entry point.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createTestDatabase, storeRecommendation, type TTestDatabase } from "@anisong/db";
import { experimentMain, parseExperimentArgs } from "../src/cli/experiment";

const CLI = path.join(__dirname, "../src/cli/pipeline.ts");
const TSX = require.resolve("tsx/cli", { paths: [path.join(__dirname, "..")] });

function model(id: string, k: number, silhouette: number, isActive = false) {
  return {
    id,
    k,
    features: [],
    scaler: {},
    centroids: [],
    inertia: 1,
    silhouette,
    trainingRows: 10,
    trainingDataHash: id,
    assignment: "cosine",
    artifact: {},
    isActive,
  };
}

describe("pipeline experiment CLI", () => {
  let t: TTestDatabase;
  const lines = { out: [] as string[], err: [] as string[] };
  const cli = (...argv: string[]) => {
    lines.out = [];
    lines.err = [];
    return experimentMain(argv, { db: t.db, out: (s) => lines.out.push(s), err: (s) => lines.err.push(s) });
  };

  beforeAll(async () => {
    t = await createTestDatabase({ kind: "pglite" });
    await t.db.model.createMany({ data: [model("k5model", 5, 0.31, true), model("k6model", 6, 0.28), model("k9model", 9, 0.11)] });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("parses variants, feedback and weights", () => {
    expect(
      parseExperimentArgs(["start", "--name", "k", "--variant", "a=m1", "--variant", "b=m2", "--feedback", "b", "--weight", "a=1,b=3"]),
    ).toEqual({
      command: "start",
      name: "k",
      variants: [
        { name: "a", modelId: "m1", feedbackSignal: false, weight: 1 },
        { name: "b", modelId: "m2", feedbackSignal: true, weight: 3 },
      ],
      threshold: undefined,
      configFile: undefined,
    });
    for (const bad of [
      ["start", "--variant", "a=m1", "--variant", "b=m2"],
      ["start", "--name", "x", "--variant", "a=m1"],
      ["start", "--name", "x", "--variant", "a=m1", "--variant", "a=m2"],
      ["start", "--name", "x", "--variant", "A=m1", "--variant", "b=m2"],
      ["start", "--name", "x", "--variant", "a=m1", "--variant", "b=m2", "--feedback", "c"],
      ["start", "--name", "x", "--variant", "a=m1", "--variant", "b=m2", "--weight", "a=0,b=1"],
      ["start", "--name", "x", "--variant", "a=m1", "--variant", "b=m2", "--threshold", "2"],
      ["stop", "--variant", "a=m1"],
      ["pause"],
      [],
    ]) {
      expect(() => parseExperimentArgs(bad)).toThrow();
    }
  });

  it("starts an experiment between gated models, shows it, refuses a second and stops it keeping the history", async () => {
    expect(await cli("status", "--threshold", "0.2")).toBe(0);
    expect(lines.out).toContain("no experiment is running");
    expect(lines.out.join("\n")).toContain("k9model  k=9  cosine     silhouette 0.1100  below the gate");
    // The printed start command names two gated models (the newest first).
    const suggested = lines.out.find((l) => l.includes("pnpm run pipeline experiment start"))!;
    expect(suggested).toMatch(/--variant a=k\dmodel --variant b=k\dmodel$/);

    expect(await cli("start", "--name", "k5-vs-k9", "--variant", "a=k5model", "--variant", "b=k9model", "--threshold", "0.2")).toBe(1);
    expect(lines.err).toEqual(["pipeline experiment: model k9model has silhouette 0.1100, below the gate 0.2"]);
    expect(await cli("start", "--name", "x", "--variant", "a=k5model", "--variant", "b=nope")).toBe(1);
    expect(lines.err[0]).toContain("no stored model nope");

    // the default gate is the pipeline config's evaluate.threshold (0.2)
    expect(
      await cli(
        "start",
        "--name",
        "k5-vs-k6",
        "--variant",
        "a=k5model",
        "--variant",
        "b=k6model",
        "--feedback",
        "b",
        "--weight",
        "a=1,b=3",
      ),
    ).toBe(0);
    expect(lines.out[0]).toMatch(/^started experiment k5-vs-k6 \(/);
    expect(lines.out[1]).toBe("  a: model k5model (k=5, cosine, silhouette 0.3100), 25% of visitors, feedback signal off");
    expect(lines.out[2]).toBe("  b: model k6model (k=6, cosine, silhouette 0.2800), 75% of visitors, feedback signal on");
    const running = await t.db.experiment.findFirstOrThrow({ where: { status: "running" } });

    expect(await cli("start", "--name", "other", "--variant", "a=k5model", "--variant", "b=k6model")).toBe(1);
    expect(lines.err).toEqual(["pipeline experiment: experiment k5-vs-k6 is running; stop it first: pnpm run pipeline experiment stop"]);

    await t.db.song.create({
      data: {
        id: "s1",
        title: "t",
        artists: [],
        genres: [],
        source: "seed",
        danceability: 0,
        energy: 0,
        loudness: 0,
        speechiness: 0,
        acousticness: 0,
        instrumentalness: 0,
        liveness: 0,
        valence: 0,
        tempo: 0,
      },
    });
    const features = {
      danceability: 0,
      energy: 0,
      loudness: 0,
      speechiness: 0,
      acousticness: 0,
      instrumentalness: 0,
      liveness: 0,
      valence: 0,
      tempo: 0,
    };
    await storeRecommendation(t.db, {
      queryTitle: "q",
      queryArtist: null,
      queryTrackId: null,
      trackId: "x",
      trackTitle: "q",
      trackArtists: [],
      features,
      featureSource: "catalog",
      modelId: "k6model",
      clusterIndex: 0,
      experimentId: running.id,
      variant: "b",
      feedbackSignal: true,
      items: [{ songId: "s1", similarity: 0.9 }],
    });

    expect(await cli("status")).toBe(0);
    expect(lines.out[0]).toMatch(/^running: k5-vs-k6 since 20\d\d-/);
    expect(lines.out).toContain("    b: 1 recommendation(s), 0 rating(s), 0 like(s), 0 not-for-me");
    expect(lines.out.some((l) => l.includes("experiment start"))).toBe(false);

    expect(await cli("stop", "--name", "other")).toBe(1);
    expect(lines.err).toEqual(["pipeline experiment: experiment other is not running"]);
    expect(await cli("stop")).toBe(0);
    expect(lines.out).toEqual(["stopped experiment k5-vs-k6; its 1 recommendation(s) keep their variants"]);
    expect(await cli("stop")).toBe(1);
    expect(lines.err).toEqual(["pipeline experiment: no experiment is running"]);

    expect(await cli("status")).toBe(0);
    expect(lines.out).toContain("stopped:");
    expect(lines.out).toContain("    b: 1 recommendation(s), 0 rating(s), 0 like(s), 0 not-for-me");
    expect(await t.db.recommendation.count({ where: { experimentId: running.id, variant: "b" } })).toBe(1);
  });

  it("prints its usage and exits 2 through the pipeline's entry point", () => {
    const env = { ...process.env, NODE_OPTIONS: "" };
    const bad = spawnSync(process.execPath, [TSX, CLI, "experiment", "start", "--name", "x"], {
      cwd: path.join(__dirname, ".."),
      encoding: "utf8",
      env,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /^pipeline experiment: experiment start needs at least two --variant <name>=<modelId>\n\nusage: pnpm run pipeline experiment/,
    );
    const help = spawnSync(process.execPath, [TSX, CLI, "experiment", "--help"], {
      cwd: path.join(__dirname, ".."),
      encoding: "utf8",
      env,
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("start   --name <name> --variant a=<modelId>");
  }, 60_000);
});
