-- CreateTable
CREATE TABLE "SpotifySession" (
    "id" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpotifySession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpotifySession_createdAt_idx" ON "SpotifySession"("createdAt");

