// Every pick vote as CSV, formula-safe like the ratings export (same quoting and the same leading ' rule).
import { stringify } from "csv-stringify/sync";
import type { TPickFeedbackRow } from "@anisong/db";
import { queryLabel } from "../../lib/query-label";
import { formulaSafe } from "../ratings/ratings-csv";

const COLUMNS = [
  "recommendation_id",
  "song_id",
  "title",
  "artists",
  "vote",
  "created_at",
  "updated_at",
  "query",
  "model",
  "experiment",
  "variant",
  "feedback_signal",
] as const;

export function feedbackCsv(rows: TPickFeedbackRow[]): string {
  return stringify(
    rows.map((r) =>
      [
        r.recommendationId,
        r.songId,
        r.title,
        r.artists.join("; "),
        r.vote,
        r.createdAt.toISOString(),
        r.updatedAt.toISOString(),
        queryLabel(r),
        r.modelId,
        r.experiment ?? "",
        r.variant ?? "",
        String(r.feedbackSignal),
      ].map(formulaSafe),
    ),
    { header: true, columns: [...COLUMNS], record_delimiter: "\r\n", quoted_match: /[\r\n]/ },
  );
}
