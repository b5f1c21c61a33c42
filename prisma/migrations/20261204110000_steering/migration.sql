-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "options" JSONB;

-- AlterTable
ALTER TABLE "RecommendationItem" ADD COLUMN     "seedSimilarities" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[];

