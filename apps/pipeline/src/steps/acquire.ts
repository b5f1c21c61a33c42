// acquire: copy the raw input file(s) into the raw store (a local folder, or S3).
import fs from "node:fs";
import { createRawStore } from "@anisong/ingest";
import { logRead, logWrote, type TStepContext } from "../context";
import { PipelineError } from "../errors";
import { artifactPaths } from "../io/artifact-paths";
import { formatBytes, sha256, writeJson } from "../io/artifacts";

export async function acquire(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const store = createRawStore(config.paths.rawStore);
  const inputs: { input: "seed" | "catalog"; source: string; key: string }[] = [
    { input: "seed", source: config.paths.seed, key: paths.seedKey },
  ];
  if (config.dataset === "anime-catalog") inputs.push({ input: "catalog" as const, source: config.paths.catalog, key: paths.catalogKey });

  const objects = [];
  for (const item of inputs) {
    if (!fs.existsSync(item.source)) throw new PipelineError(`input file not found: ${item.source}`);
    const bytes = fs.readFileSync(item.source);
    logRead(ctx, item.source, formatBytes(bytes.length));
    const location = await store.put(item.key, bytes);
    logWrote(ctx, location, `raw store copy, sha256 ${sha256(bytes).slice(0, 12)}…`);
    objects.push({ ...item, location, sha256: sha256(bytes), bytes: bytes.length });
  }
  writeJson(paths.acquireReport, { objects });
  logWrote(ctx, paths.acquireReport, `${objects.length} object(s)`);
  return { objects };
}
