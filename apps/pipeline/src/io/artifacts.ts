// Reading and writing pipeline artifacts: JSON validated with zod on the way in, written atomically on the way out.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { canonicalJson } from "@anisong/core-ml";
import { writeFileAtomic } from "@anisong/ingest";
import type { z } from "zod";
import { MissingArtifactError, PipelineError } from "../errors";

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hash of a value's canonical JSON: the same content always gives the same hash. */
export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}

export function writeJson(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function readJson<T extends z.ZodType>(file: string, schema: T, producedBy: string): z.output<T> {
  if (!fs.existsSync(file)) throw new MissingArtifactError(`${file} not found: run \`pnpm run pipeline ${producedBy}\` first`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new PipelineError(`${file} is not valid JSON (${(error as Error).message}); re-run \`pnpm run pipeline ${producedBy}\``);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError(
      `${file} is not a valid ${producedBy} artifact (${issue?.path.join(".")}: ${issue?.message}); re-run \`pnpm run pipeline ${producedBy}\``,
    );
  }
  return parsed.data;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
