-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "libraryVersion" TEXT;

-- AlterTable
ALTER TABLE "Song" ADD COLUMN     "alternateIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "animeTitle" TEXT,
ADD COLUMN     "isVersion" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'original',
ADD COLUMN     "provenance" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "songKey" TEXT;

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "kinds" TEXT[] DEFAULT ARRAY['original', 'soundtrack']::TEXT[];

-- CreateIndex
CREATE INDEX "Song_alternateIds_idx" ON "Song" USING GIN ("alternateIds");

