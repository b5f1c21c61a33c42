// A stored recommendation as a file to take away: CSV for spreadsheets (formula-safe like the ratings CSV) or JSON.
import { stringify } from "csv-stringify/sync";
import type { TStoredRecommendationResponse } from "../../lib/api-types";
import { formulaSafe } from "../ratings/ratings-csv";

export type TExportFormat = "csv" | "json";

const CSV_COLUMNS = ["rank", "title", "artists", "album", "anime", "kind", "similarity", "spotify_url", "track_id"] as const;

export function recommendationCsv(rec: TStoredRecommendationResponse): string {
  return stringify(
    rec.items.map((item) =>
      [
        String(item.rank),
        item.title,
        item.artists.join(", "),
        item.album ?? "",
        item.animeTitle ?? "",
        item.kind,
        item.similarity.toFixed(4),
        item.spotifyUrl,
        item.trackId,
      ].map(formulaSafe),
    ),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: "\r\n", quoted_match: /[\r\n]/ },
  );
}

/** The list and what it was made from; no rating (that is the listener's, not the list's). */
export function recommendationJson(rec: TStoredRecommendationResponse) {
  return {
    id: rec.id,
    createdAt: rec.createdAt,
    permalink: `/recommendations/${rec.id}`,
    modelVersion: rec.modelVersion,
    song: { trackId: rec.query.track.id, title: rec.query.track.title, artists: rec.query.track.artists },
    cluster: rec.cluster,
    options: rec.options,
    items: rec.items.map((item) => ({
      rank: item.rank,
      trackId: item.trackId,
      title: item.title,
      artists: item.artists,
      album: item.album,
      animeTitle: item.animeTitle,
      kind: item.kind,
      similarity: item.similarity,
      seedSimilarities: item.seedSimilarities,
      spotifyUrl: item.spotifyUrl,
    })),
  };
}

export function exportResponse(rec: TStoredRecommendationResponse, format: TExportFormat): Response {
  const body = format === "csv" ? recommendationCsv(rec) : JSON.stringify(recommendationJson(rec), null, 2);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="anisong-${rec.id}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
