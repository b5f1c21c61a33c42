// Every rating as CSV for spreadsheets. csv-stringify quotes and escapes; a cell that starts with = + - @
// (or a tab/CR) gets a leading ' so a spreadsheet shows it as text instead of running it as a formula.
import { stringify } from "csv-stringify/sync";
import type { TRatingRow } from "@anisong/db";
import { queryLabel } from "../../lib/query-label";

const COLUMNS = ["recommendation_id", "created_at", "stars", "comment", "query", "model", "cluster", "source"] as const;

export function formulaSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function ratingsCsv(rows: TRatingRow[]): string {
  return stringify(
    rows.map((r) =>
      [
        r.recommendationId,
        r.createdAt.toISOString(),
        String(r.stars),
        r.comment ?? "",
        queryLabel(r),
        r.modelId,
        String(r.clusterIndex),
        r.featureSource,
      ].map(formulaSafe),
    ),
    // A bare newline inside a comment must be quoted too, not only the record delimiter (CRLF).
    { header: true, columns: [...COLUMNS], record_delimiter: "\r\n", quoted_match: /[\r\n]/ },
  );
}
