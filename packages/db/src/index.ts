export * from "./env";
export { createPrismaClient, closePrismaClient, databaseConfigOf, getDb, closeDb, type TDb } from "./client/create-prisma-client";
export type { TDbOrTx } from "./db-transaction";
export { PGliteLockedError, lockFileFor } from "./client/pglite-registry";
export { DatabaseError, classifyDatabaseError, toDatabaseError, type TDatabaseErrorCode } from "./errors/database-error";
export { migrateDatabase, type TMigrateOptions, type TMigrateResult } from "./migrate/migrate-database";
export { readMigrations, migrationChecksum, MigrationError, type TMigration } from "./migrate/read-migrations";
export { createTestDatabase, type TTestDatabase } from "./testing/create-test-database";
export { copyPostgresTemplate, type TPostgresTemplateCopy } from "./testing/postgres-template";
export { openFaultSession, type TFaultSession } from "./testing/postgres-faults";
// models
export { findActiveModel, findActiveModelVersion, findModel, type TActiveModel, type TActiveCluster } from "./models/find-active-model";
export { storeModel, type TStoreModelInput, type TStoreModelResult } from "./models/store-model";
export { insertModel } from "./models/insert-model";
export { listModels, type TModelSummary } from "./models/list-models";
export { activateModel } from "./models/activate-model";
// songs and clusters
export { listClusterSongs, type TClusterSong } from "./songs/list-cluster-songs";
export { insertSongs, type TNewSong, type TSongLibraryFields } from "./songs/insert-songs";
export { findLibrarySong, type TLibrarySongRow } from "./songs/find-library-song";
export { insertClusters, type TNewCluster } from "./clusters/insert-clusters";
export { assignSongs } from "./clusters/assign-songs";
// what the web app writes and reads
export {
  prepareRecommendation,
  storeRecommendation,
  type TNewRecommendation,
  type TNewRecommendationItem,
  type TPreparedRecommendation,
} from "./recommendations/store-recommendation";
export {
  ZRecommendationOptions,
  ZStoredSeed,
  type TRecommendationOptions,
  type TStoredSeed,
} from "./recommendations/recommendation-options";
export {
  findRecommendation,
  ZStoredRecommendationItems,
  type TFoundRecommendation,
  type TFoundRecommendationItem,
  type TStoredRecommendationItem,
} from "./recommendations/find-recommendation";
export { createRating, type TCreateRatingResult, type TStoredRating } from "./ratings/create-rating";
export { listRecentComments, listRatings, type TRatingRow } from "./ratings/list-ratings";
// pick feedback and experiments
export {
  setPickFeedback,
  PICK_VOTES,
  type TPickVote,
  type TStoredPickFeedback,
  type TSetPickFeedbackResult,
} from "./feedback/set-pick-feedback";
export { clearPickFeedback, type TClearPickFeedbackResult } from "./feedback/clear-pick-feedback";
export { listSongFeedback, type TSongFeedbackRow } from "./feedback/list-song-feedback";
export { ZExperimentVariant, ZExperimentVariants, type TExperiment, type TExperimentVariant } from "./experiments/experiment";
export { startExperiment, type TStartExperimentInput, type TStartExperimentResult } from "./experiments/start-experiment";
export { stopExperiment, type TStopExperimentResult } from "./experiments/stop-experiment";
export { findRunningExperiment } from "./experiments/find-running-experiment";
export { listExperiments, type TExperimentWithStats, type TVariantStats } from "./experiments/list-experiments";
export { getInsights, type TInsightsData, type TRatingGroup } from "./insights/get-insights";
// Save to Spotify: the listener's tokens, server-side only
export { storeSpotifySession, type TSpotifySessionTokens, type TStoredSpotifySession } from "./spotify/store-spotify-session";
export { findSpotifySession } from "./spotify/find-spotify-session";
export { deleteSpotifySession } from "./spotify/delete-spotify-session";
export { deleteOldSpotifySessions } from "./spotify/delete-old-spotify-sessions";
export { pingDatabase } from "./health/ping-database";
export { PrismaClient, Prisma } from "./generated/prisma/client";
export type {
  Model,
  Cluster,
  Song,
  SongCluster,
  Recommendation,
  Rating,
  SpotifySession,
  PickFeedback,
  Experiment,
} from "./generated/prisma/client";
// insights: rating groups with n, mean and variance for the statistics
export type { TRatingSummary } from "./insights/rating-summary";
export { listDailyRatings } from "./insights/list-daily-ratings";
export { groupRatings, type TRatingDimension } from "./insights/group-ratings";
export { groupRatingsByOption } from "./insights/group-ratings-by-option";
export { summarizeExperimentVariants, type TVariantSummary } from "./insights/summarize-experiment-variants";
export { listTopVotedSongs, type TVotedSong } from "./insights/list-top-voted-songs";
export { listPickFeedback, type TPickFeedbackRow } from "./feedback/list-pick-feedback";
