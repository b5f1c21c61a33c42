import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { createRawStore, parseS3Location, RawStoreError } from "../src";

const bytes = fs.readFileSync(path.join(__dirname, "fixtures/seed-small.csv"));

describe("raw store: local folder", () => {
  it("stores and reads back bytes, creating folders, and explains a missing object", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-store-"));
    try {
      const store = createRawStore(path.join(dir, "store"));
      const where = await store.put("seed/anime_songs.csv", bytes);
      expect(where).toBe(path.join(dir, "store", "seed", "anime_songs.csv"));
      expect((await store.get("seed/anime_songs.csv")).equals(bytes)).toBe(true);
      expect(fs.readdirSync(path.join(dir, "store", "seed"))).toEqual(["anime_songs.csv"]); // no temp file left
      await expect(store.get("nope.csv")).rejects.toThrow(/not found in the raw store/);
      await expect(store.put("../escape.csv", bytes)).rejects.toThrow(RawStoreError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("raw store: S3 against a local S3-compatible server (s3rver on 127.0.0.1)", () => {
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
      configureBuckets: [{ name: "anisong-raw", configs: [] }],
    });
    const { port } = (await server.run()) as { port: number };
    process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${port}`;
    process.env.AWS_ACCESS_KEY_ID = "S3RVER"; // s3rver's fixed development key pair
    process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
    process.env.AWS_REGION = "us-east-1";
  });
  afterAll(async () => {
    process.env = saved;
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("parses s3:// locations", () => {
    expect(parseS3Location("s3://anisong-raw/runs/2026/")).toEqual({ bucket: "anisong-raw", prefix: "runs/2026/" });
    expect(parseS3Location("s3://anisong-raw")).toEqual({ bucket: "anisong-raw", prefix: "" });
    expect(() => parseS3Location("s3://")).toThrow(RawStoreError);
  });

  it("puts and gets an object under the prefix", async () => {
    const store = createRawStore("s3://anisong-raw/raw");
    expect(await store.put("anime_songs.csv", bytes)).toBe("s3://anisong-raw/raw/anime_songs.csv");
    expect((await store.get("anime_songs.csv")).equals(bytes)).toBe(true);
  });

  it("turns S3 failures into clear errors", async () => {
    await expect(createRawStore("s3://anisong-raw/raw").get("missing.csv")).rejects.toThrow(
      /cannot read s3:\/\/anisong-raw\/raw\/missing.csv: NoSuchKey/,
    );
    await expect(createRawStore("s3://no-such-bucket/x").put("a.csv", bytes)).rejects.toThrow(
      /cannot write s3:\/\/no-such-bucket\/x\/a.csv: NoSuchBucket/,
    );
  });
});
