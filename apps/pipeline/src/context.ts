// What every step receives: the resolved config, the database to write to, CLI flags and a logger that
// records what the step read and wrote.
import path from "node:path";
import type { TDatabaseConfig } from "@anisong/db";
import type { TResolverConfig } from "@anisong/providers";
import type { TPipelineConfig } from "./config/pipeline-config";

export type TLogger = {
  info(line: string): void;
  warn(line: string): void;
  /** in-place progress on a terminal, a few milestones otherwise */
  progress(label: string, done: number, total: number): void;
};

export type TStepFlags = { force?: boolean; sweep?: { from: number; to: number }; ifNeeded?: boolean };

export type TStepContext = {
  config: TPipelineConfig;
  flags: TStepFlags;
  log: TLogger;
  /** where `ingest` writes; default: the environment's (DATABASE_URL, else PGlite in data/pglite) */
  database?: TDatabaseConfig;
  /** Spotify credentials, API origins, timeout and Retry-After bound for `enrich`; default: the environment's */
  providers?: TResolverConfig;
};

export function displayPath(ctx: TStepContext, file: string): string {
  if (file.startsWith("s3://")) return file;
  const rel = path.relative(ctx.config.rootDir, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

export function logRead(ctx: TStepContext, file: string, note: string): void {
  ctx.log.info(`  read  ${displayPath(ctx, file)} (${note})`);
}

export function logWrote(ctx: TStepContext, file: string, note: string): void {
  ctx.log.info(`  wrote ${displayPath(ctx, file)} (${note})`);
}

export function createConsoleLogger(stream: NodeJS.WriteStream = process.stderr, out: NodeJS.WriteStream = process.stdout): TLogger {
  const milestones = new Map<string, number>();
  let inPlace = false;
  const endLine = () => {
    if (inPlace) stream.write("\n");
    inPlace = false;
  };
  return {
    info(line) {
      endLine();
      out.write(`${line}\n`);
    },
    warn(line) {
      endLine();
      stream.write(`warning: ${line}\n`);
    },
    progress(label, done, total) {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (stream.isTTY) {
        stream.write(`\r  ${label} ${done}/${total} (${pct}%)   `);
        inPlace = done < total;
        if (!inPlace) stream.write("\n");
        return;
      }
      const step = Math.floor(pct / 25);
      if ((milestones.get(label) ?? -1) < step) {
        milestones.set(label, step);
        stream.write(`  ${label} ${done}/${total} (${pct}%)\n`);
      }
      if (done >= total) milestones.delete(label);
    },
  };
}

/** Collects lines (tests, benchmarks). */
export function createMemoryLogger(): TLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(line),
    warn: (line) => lines.push(`warning: ${line}`),
    progress: (label, done, total) => {
      if (done >= total) lines.push(`  ${label} ${done}/${total} (100%)`);
    },
  };
}
