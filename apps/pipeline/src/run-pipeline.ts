// Runs one step or all of them, timing each and logging what it read and wrote.
import fs from "node:fs";
import { closePrismaClient, createPrismaClient, findActiveModel, migrateDatabase, resolveDatabaseConfig } from "@anisong/db";
import type { TStepContext } from "./context";
import { artifactPaths } from "./io/artifact-paths";
import { readJson } from "./io/artifacts";
import { ZFeatures, ZLibraryFile } from "./io/schemas";
import { acquire } from "./steps/acquire";
import { clean } from "./steps/clean";
import { enrich } from "./steps/enrich";
import { evaluate } from "./steps/evaluate";
import { featurize } from "./steps/featurize";
import { describeDatabase, ingest } from "./steps/ingest";
import { library, libraryPaths } from "./steps/library";
import { score } from "./steps/score";
import { train } from "./steps/train";
import { computeTrainingDataHash } from "./steps/training-hash";

export const STEPS = { acquire, clean, featurize, train, score, evaluate, ingest, enrich, library } as const;
export type TStepName = keyof typeof STEPS;
export const STEP_NAMES = Object.keys(STEPS) as TStepName[];

export type TStepTiming = { step: TStepName; ms: number };

export async function runStep(ctx: TStepContext, name: TStepName): Promise<TStepTiming> {
  ctx.log.info(`▶ ${name}`);
  const started = performance.now();
  await STEPS[name](ctx);
  const ms = performance.now() - started;
  ctx.log.info(`✓ ${name} in ${(ms / 1000).toFixed(2)} s`);
  return { step: name, ms };
}

/** The library's content hash in data/library/library.json, or null when there is none. */
function libraryVersionOnDisk(ctx: TStepContext): string | null {
  const file = libraryPaths(ctx).library;
  return fs.existsSync(file) ? readJson(file, ZLibraryFile, "library").version : null;
}

/** True when the database's active model was trained on exactly this data with exactly these settings, with this library. */
async function activeModelIsCurrent(ctx: TStepContext, libraryVersion: string | null): Promise<boolean> {
  const { dataHash } = readJson(artifactPaths(ctx.config).features, ZFeatures, "featurize");
  const expected = computeTrainingDataHash(ctx.config, dataHash);
  const database = ctx.database ?? resolveDatabaseConfig();
  await migrateDatabase(database);
  const db = await createPrismaClient(database);
  try {
    const active = await findActiveModel(db);
    if (active?.model.trainingDataHash === expected && libraryVersion !== null && active.libraryVersion !== libraryVersion) {
      ctx.log.info(
        `the active model ${active.model.version} is current but its library is not (${active.libraryVersion ?? "seed only"} → ${libraryVersion}): ingesting the library`,
      );
      return false;
    }
    if (active?.model.trainingDataHash === expected) {
      ctx.log.info(
        `up to date: the active model ${active.model.version} in ${describeDatabase(database)} matches this config and data; skipping train → ingest`,
      );
      return true;
    }
    ctx.log.info(
      active ? `active model ${active.model.version} is out of date: rebuilding` : "no active model in the database: building one",
    );
    return false;
  } finally {
    await closePrismaClient(db);
  }
}

export async function runAll(ctx: TStepContext): Promise<{ timings: TStepTiming[]; skipped: boolean }> {
  const timings: TStepTiming[] = [];
  const started = performance.now();
  for (const name of ["acquire", "clean", "featurize"] as const) timings.push(await runStep(ctx, name));
  // The library is placed by the published model, so it comes after evaluate; --if-needed rebuilds it first
  // (cheap, no training) so that a changed library reaches a database whose model is otherwise current.
  // enrich (Spotify metadata; skipped without credentials) feeds the library, so it runs just before it: a changed
  // enrichment file changes the library's content hash, which is what --if-needed compares.
  let enriched = false;
  if (ctx.flags.ifNeeded && fs.existsSync(artifactPaths(ctx.config).activeModel)) {
    timings.push(await runStep(ctx, "enrich"), await runStep(ctx, "library"));
    enriched = true;
    if (await activeModelIsCurrent(ctx, libraryVersionOnDisk(ctx))) return { timings, skipped: true };
  }
  for (const name of ["train", "score", "evaluate"] as const) timings.push(await runStep(ctx, name));
  if (!enriched) timings.push(await runStep(ctx, "enrich"));
  for (const name of ["library", "ingest"] as const) timings.push(await runStep(ctx, name));
  ctx.log.info(`pipeline finished in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return { timings, skipped: false };
}
