-- AlterTable
ALTER TABLE "Song" ADD COLUMN     "coverUrl" TEXT,
ADD COLUMN     "releaseDate" TEXT;

