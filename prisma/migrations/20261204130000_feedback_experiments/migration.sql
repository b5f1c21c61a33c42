-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "experimentId" TEXT,
ADD COLUMN     "feedbackSignal" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "variant" TEXT;

-- CreateTable
CREATE TABLE "PickFeedback" (
    "recommendationId" TEXT NOT NULL,
    "songId" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PickFeedback_pkey" PRIMARY KEY ("recommendationId","songId")
);

-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "variants" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PickFeedback_songId_idx" ON "PickFeedback"("songId");

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_name_key" ON "Experiment"("name");

-- CreateIndex
CREATE INDEX "Recommendation_experimentId_variant_idx" ON "Recommendation"("experimentId", "variant");

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickFeedback" ADD CONSTRAINT "PickFeedback_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickFeedback" ADD CONSTRAINT "PickFeedback_songId_fkey" FOREIGN KEY ("songId") REFERENCES "Song"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: at most one running experiment (a partial unique index Prisma's schema cannot express),
-- and the closed vocabularies of vote and status.
CREATE UNIQUE INDEX "Experiment_one_running_key" ON "Experiment"("status") WHERE "status" = 'running';
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_status_check" CHECK ("status" IN ('running', 'stopped'));
ALTER TABLE "PickFeedback" ADD CONSTRAINT "PickFeedback_vote_check" CHECK ("vote" IN ('like', 'dislike'));
