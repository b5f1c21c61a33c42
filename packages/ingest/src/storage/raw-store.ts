// Where acquired raw files live: a local folder (default) or an S3 bucket/prefix (s3://bucket/prefix).
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { RawStoreError } from "../errors";
import { resolveS3Settings } from "../env";
import { writeFileAtomic } from "./write-file-atomic";

export interface TRawStore {
  /** the folder or s3:// prefix, for logs */
  readonly location: string;
  /** stores bytes under a key; returns the object's full location */
  put(key: string, body: Buffer): Promise<string>;
  get(key: string): Promise<Buffer>;
}

export function parseS3Location(location: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(location);
  if (!match) throw new RawStoreError(`invalid S3 location "${location}" (expected s3://bucket/prefix)`);
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: match[1]!, prefix: prefix ? `${prefix}/` : "" };
}

export function createRawStore(location: string, options: { s3?: S3ClientConfig } = {}): TRawStore {
  return location.startsWith("s3://") ? createS3Store(location, options.s3) : createLocalStore(location);
}

function checkKey(key: string): string {
  if (!key || key.includes("..") || path.isAbsolute(key)) throw new RawStoreError(`invalid object key "${key}"`);
  return key;
}

function createLocalStore(folder: string): TRawStore {
  const root = path.resolve(folder);
  return {
    location: root,
    async put(key, body) {
      const file = path.join(root, checkKey(key));
      writeFileAtomic(file, body);
      return file;
    },
    async get(key) {
      const file = path.join(root, checkKey(key));
      if (!fs.existsSync(file)) throw new RawStoreError(`${file} not found in the raw store (run \`pnpm run pipeline acquire\` first)`);
      return fs.readFileSync(file);
    },
  };
}

function createS3Store(location: string, config?: S3ClientConfig): TRawStore {
  const { bucket, prefix } = parseS3Location(location);
  const settings = resolveS3Settings();
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...config,
  });
  const describe = (error: unknown) => {
    const e = error as { name?: string; message?: string };
    return `${e.name ?? "Error"}${e.message ? `: ${e.message}` : ""}`;
  };
  return {
    location: `s3://${bucket}/${prefix}`,
    async put(key, body) {
      const objectKey = prefix + checkKey(key);
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body }));
      } catch (error) {
        throw new RawStoreError(`cannot write s3://${bucket}/${objectKey}: ${describe(error)}`);
      }
      return `s3://${bucket}/${objectKey}`;
    },
    async get(key) {
      const objectKey = prefix + checkKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
        if (!out.Body) throw new Error("empty response body");
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (error) {
        throw new RawStoreError(`cannot read s3://${bucket}/${objectKey}: ${describe(error)}`);
      }
    },
  };
}
