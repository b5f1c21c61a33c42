// acquire → clean through an S3 raw store, against s3rver (a real S3-compatible server) on 127.0.0.1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { artifactPaths, runStep } from "../src";
import { createWorkspace, readJsonFile } from "./helpers";

describe("raw store on S3", () => {
  let server: S3rver;
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-s3-"));
    server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: "anisong", configs: [] }],
    });
    const { port } = await server.run();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
    });
  });
  afterAll(async () => {
    process.env = saved;
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("acquire uploads the raw CSV and clean reads it back", async () => {
    const ws = createWorkspace({ paths: { rawStore: "s3://anisong/raw/seed" } });
    try {
      await runStep(ws.ctx, "acquire");
      const report = readJsonFile(artifactPaths(ws.ctx.config).acquireReport);
      expect(report.objects[0].location).toBe("s3://anisong/raw/seed/seed-small.csv");
      expect(ws.ctx.log.lines).toContainEqual(
        expect.stringMatching(/^ {2}wrote s3:\/\/anisong\/raw\/seed\/seed-small\.csv \(raw store copy/),
      );
      await runStep(ws.ctx, "clean");
      expect(readJsonFile(artifactPaths(ws.ctx.config).cleanSongs).songs).toHaveLength(59);
    } finally {
      ws.remove();
    }
  });

  it("fails clearly when the bucket does not exist", async () => {
    const ws = createWorkspace({ paths: { rawStore: "s3://missing-bucket/raw" } });
    try {
      await expect(runStep(ws.ctx, "acquire")).rejects.toThrow(/cannot write s3:\/\/missing-bucket\/raw\/seed-small\.csv: NoSuchBucket/);
    } finally {
      ws.remove();
    }
  });
});
