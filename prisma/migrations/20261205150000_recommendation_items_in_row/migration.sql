-- A recommendation's picks move into its own row, as one jsonb array in rank order:
-- [{ "songId": …, "similarity": …, "seedSimilarities": [ … ] }, …]. They were ten rows of "RecommendationItem",
-- each with its primary-key entry and two foreign-key checks (the recommendation, the song): on PGlite that was two
-- thirds of the PostgreSQL work of storing a recommendation, the web's main write (db README, "One row per
-- recommendation"). The picks are written once, never changed, and always read with their recommendation; songs
-- are never deleted, and the code that reads a pick's song tolerates one that is missing.

ALTER TABLE "Recommendation" ADD COLUMN "items" JSONB NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_items_is_array" CHECK (jsonb_typeof("items") = 'array');

-- The rows already stored keep their picks, in rank order, with every digit of each similarity (float8 → jsonb
-- writes the shortest text that reads back as the same double).
UPDATE "Recommendation" r
SET "items" = i."items"
FROM (
  SELECT "recommendationId",
    jsonb_agg(jsonb_build_object('songId', "songId", 'similarity', "similarity",
      'seedSimilarities', to_jsonb(COALESCE("seedSimilarities", ARRAY[]::float8[]))) ORDER BY "rank") AS "items"
  FROM "RecommendationItem"
  GROUP BY "recommendationId"
) i
WHERE i."recommendationId" = r."id";

DROP TABLE "RecommendationItem";

-- store_recommendations(jsonb): one row per recommendation; its "items" go in as the caller sent them.
CREATE OR REPLACE FUNCTION store_recommendations(input jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Recommendation" ("id", "queryTitle", "queryArtist", "queryTrackId", "trackId", "trackTitle",
    "trackArtists", "features", "featureSource", "kinds", "modelId", "clusterIndex", "options", "createdAt",
    "experimentId", "variant", "feedbackSignal", "items")
  SELECT r."id", r."queryTitle", r."queryArtist", r."queryTrackId", r."trackId", r."trackTitle",
    r."trackArtists", r."features", r."featureSource", r."kinds", r."modelId", r."clusterIndex", r."options",
    r."createdAt" AT TIME ZONE 'UTC', r."experimentId", r."variant", r."feedbackSignal", r."items"
  FROM jsonb_to_recordset(input) AS r("id" text, "queryTitle" text, "queryArtist" text,
    "queryTrackId" text, "trackId" text, "trackTitle" text, "trackArtists" text[], "features" jsonb,
    "featureSource" text, "kinds" text[], "modelId" text, "clusterIndex" int, "options" jsonb,
    "createdAt" timestamptz, "experimentId" text, "variant" text, "feedbackSignal" boolean, "items" jsonb);
END;
$$;
