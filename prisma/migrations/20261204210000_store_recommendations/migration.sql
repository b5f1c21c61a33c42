-- store_recommendations(jsonb): inserts a JSON array of recommendations with their items in one call
-- (packages/db/src/recommendations/store-recommendation.ts builds the array). PL/pgSQL keeps the INSERT's plan
-- for the session, so a call skips the parse and plan of the long statement: on PGlite that was about half the
-- CPU of storing one recommendation. A migration that changes "Recommendation" or "RecommendationItem" columns
-- the web writes must replace this function too.
CREATE OR REPLACE FUNCTION store_recommendations(input jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  WITH r AS (
    SELECT * FROM jsonb_to_recordset(input) AS x("id" text, "queryTitle" text, "queryArtist" text,
      "queryTrackId" text, "trackId" text, "trackTitle" text, "trackArtists" jsonb, "features" jsonb,
      "featureSource" text, "kinds" jsonb, "modelId" text, "clusterIndex" int, "options" jsonb,
      "createdAt" timestamptz, "experimentId" text, "variant" text, "feedbackSignal" boolean, "items" jsonb)
  ), rec AS (
    INSERT INTO "Recommendation" ("id", "queryTitle", "queryArtist", "queryTrackId", "trackId", "trackTitle",
      "trackArtists", "features", "featureSource", "kinds", "modelId", "clusterIndex", "options", "createdAt",
      "experimentId", "variant", "feedbackSignal")
    SELECT r."id", r."queryTitle", r."queryArtist", r."queryTrackId", r."trackId", r."trackTitle",
      ARRAY(SELECT jsonb_array_elements_text(r."trackArtists")), r."features", r."featureSource",
      ARRAY(SELECT jsonb_array_elements_text(r."kinds")), r."modelId", r."clusterIndex", r."options",
      r."createdAt" AT TIME ZONE 'UTC', r."experimentId", r."variant", r."feedbackSignal"
    FROM r
    RETURNING "id"
  )
  INSERT INTO "RecommendationItem" ("recommendationId", "rank", "songId", "similarity", "seedSimilarities")
  SELECT rec."id", item."rank", item."songId", item."similarity",
    ARRAY(SELECT jsonb_array_elements_text(COALESCE(item."seedSimilarities", '[]'::jsonb))::float8)
  FROM rec JOIN r ON r."id" = rec."id",
    jsonb_to_recordset(r."items") AS item("rank" int, "songId" text, "similarity" float8, "seedSimilarities" jsonb);
END;
$$;
