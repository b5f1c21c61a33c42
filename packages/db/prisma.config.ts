// Prisma CLI configuration: the JS engine (WebAssembly, no native binary download) with a driver
// adapter, so `migrate` and `generate` work offline on PGlite and on PostgreSQL alike.
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { createMigrationAdapter } from "./src/migration-adapter";

const root = path.resolve(__dirname, "../..");

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations") },
  adapter: createMigrationAdapter,
} satisfies PrismaConfig;
