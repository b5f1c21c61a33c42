// The real pipeline's result, kept as a template per database kind and per state of everything the pipeline reads:
// its sources, the packages it uses, the migrations and the data files. A changed input is a new key, so a template
// can never be stale; one whose inputs changed is simply not used again (and pruned after a while).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyPostgresTemplate as copyFromServerTemplate, findRepoRoot, type TPostgresTemplateCopy } from "@anisong/db";

const REPO_ROOT = findRepoRoot();
const INPUTS = [
  "apps/pipeline/src",
  "apps/pipeline/package.json",
  "packages/core-ml/src",
  "packages/db/src",
  "packages/ingest/src",
  "packages/library/src",
  "packages/providers/src",
  "prisma",
  "pnpm-lock.yaml",
  "data/raw/anime_songs.csv",
  "data/sample/sample_search_songs.csv",
  "data/catalog/spotify_tracks.csv.gz",
];
const PGLITE_TEMPLATES = path.join(os.tmpdir(), "anisong-test-templates");
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Fills the (migrated) database that `env` points at, writing its outputs under `work`. */
export type TFill = (env: Record<string, string>, work: string) => void;

let key: string | undefined;
/** sha-256 of the inputs' paths and contents (generated code and tests left out), 16 hex digits. */
export function templateKey(): string {
  if (key) return key;
  const hash = createHash("sha256");
  const visit = (rel: string) => {
    const abs = path.join(REPO_ROOT, rel);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) {
        if (name === "generated" || name === "node_modules" || name.endsWith(".test.ts")) continue;
        visit(path.join(rel, name));
      }
      return;
    }
    hash.update(`${rel}\0`).update(fs.readFileSync(abs)).update("\0");
  };
  INPUTS.forEach(visit);
  return (key = hash.digest("hex").slice(0, 16));
}

/** Copies the PGlite template into `to` (which must not exist), building the template first when it is missing. */
export function copyPgliteTemplate(options: { to: string; fill: TFill }): void {
  const template = path.join(PGLITE_TEMPLATES, `pglite-${templateKey()}`);
  if (!fs.existsSync(template)) {
    pruneStalePgliteTemplates();
    fs.mkdirSync(PGLITE_TEMPLATES, { recursive: true });
    const building = fs.mkdtempSync(path.join(PGLITE_TEMPLATES, "building-"));
    try {
      const dataDir = path.join(building, "pglite");
      const env = { ANISONG_PGLITE_DIR: dataDir, DATABASE_URL: "" };
      runPnpm(["db:migrate"], env);
      options.fill(env, path.join(building, "work"));
      try {
        fs.renameSync(dataDir, template);
      } catch (error) {
        // Another process finished the same template first: theirs is as good as ours.
        if (!["EEXIST", "ENOTEMPTY"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
      }
    } finally {
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  fs.cpSync(template, options.to, { recursive: true });
}

/** A fresh PostgreSQL database copied from the template (built first, migrated then filled, when missing). */
export function copyPostgresTemplate(options: { fill: TFill }): Promise<TPostgresTemplateCopy> {
  return copyFromServerTemplate({
    key: `web_${templateKey()}`,
    fill: (url) => {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-template-"));
      try {
        const env = { DATABASE_URL: url };
        runPnpm(["db:migrate"], env);
        options.fill(env, work);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  });
}

function pruneStalePgliteTemplates(): void {
  for (const name of fs.existsSync(PGLITE_TEMPLATES) ? fs.readdirSync(PGLITE_TEMPLATES) : []) {
    const dir = path.join(PGLITE_TEMPLATES, name);
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `pnpm --silent <args>` at the repository root, as a user types it; throws with its output when it fails. */
export function runPnpm(args: string[], env: Record<string, string>): void {
  const result = spawnSync("pnpm", ["--silent", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NODE_OPTIONS: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pnpm ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
