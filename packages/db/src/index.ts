export * from "./env";
export { createPrismaClient, closePrismaClient, getDb, closeDb, type TDb } from "./client/create-prisma-client";
export { migrateDatabase, type TMigrateOptions, type TMigrateResult } from "./migrate/migrate-database";
export { readMigrations, migrationChecksum, MigrationError, type TMigration } from "./migrate/read-migrations";
export { createTestDatabase, type TTestDatabase } from "./testing/create-test-database";
export { findActiveModel, type TActiveModel, type TActiveCluster } from "./queries/find-active-model";
export { listClusterSongs, type TClusterSong } from "./queries/list-cluster-songs";
export { PrismaClient, Prisma } from "./generated/prisma/client";
export type { Model, Cluster, Song, SongCluster, Recommendation, RecommendationItem, Rating } from "./generated/prisma/client";
