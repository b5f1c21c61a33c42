// Reads prisma/migrations the way Prisma does: one folder per migration, applied in name order.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AnisongError } from "@anisong/core-ml";
import { findRepoRoot } from "../env";

export type TMigration = { name: string; sql: string; checksum: string };

export function defaultMigrationsDir(): string {
  return path.join(findRepoRoot(), "prisma", "migrations");
}

/** Prisma's checksum: SHA-256 (hex) of migration.sql's bytes. */
export function migrationChecksum(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(dir = defaultMigrationsDir()): TMigration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
    });
}

/** A migration folder or the recorded history is unusable; the message says which and what to do. */
export class MigrationError extends AnisongError {
  override name = "MigrationError";
}
