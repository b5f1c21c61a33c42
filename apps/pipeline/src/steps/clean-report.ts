// clean's report: per-file counts, every bad and duplicate row, and whether the bad-row share is acceptable.
import type { TValidatedSongs } from "@anisong/ingest";
import type { TStepContext } from "../context";
import { TooManyBadRowsError } from "../errors";
import type { TDroppedCounts } from "./clean-dataset-merge";

const MAX_PRINTED_BAD_ROWS = 20;

export type TCleanInput = { file: string; validated: TValidatedSongs };

export function buildCleanReport(
  ctx: TStepContext,
  input: { files: TCleanInput[]; songs: number; enriched: number; dropped: TDroppedCounts },
) {
  const { config } = ctx;
  const { files } = input;
  const badRows = files.flatMap(({ file, validated }) => validated.badRows.map((b) => ({ file, ...b })));
  const duplicateRows = files.flatMap(({ file, validated }) => validated.duplicateRows.map((d) => ({ file, ...d })));
  const totalRows = files.reduce((n, f) => n + f.validated.totalRows, 0);
  const badRowShare = totalRows === 0 ? 0 : badRows.length / totalRows;
  return {
    dataset: config.dataset,
    files: files.map(({ file, validated }) => ({
      file,
      rows: validated.totalRows,
      valid: validated.songs.length,
      bad: validated.badRows.length,
      duplicateIds: validated.duplicateRows.length,
    })),
    songs: input.songs,
    enrichedFromCatalog: input.enriched,
    dropped: input.dropped,
    badRowShare,
    maxBadRowShare: config.clean.maxBadRowShare,
    passed: badRowShare <= config.clean.maxBadRowShare,
    badRows,
    duplicateRows,
  };
}
export type TCleanReport = ReturnType<typeof buildCleanReport>;

/** Logs the first bad and duplicate rows; throws TooManyBadRowsError when the share is above the limit. */
export function reportBadRows(ctx: TStepContext, report: TCleanReport, reportFile: string): void {
  const { badRows, duplicateRows } = report;
  for (const bad of badRows.slice(0, MAX_PRINTED_BAD_ROWS))
    ctx.log.warn(`bad row ${bad.file}:${bad.row}${bad.id ? ` (${bad.id})` : ""}: ${bad.reason}`);
  if (badRows.length > MAX_PRINTED_BAD_ROWS) ctx.log.warn(`… and ${badRows.length - MAX_PRINTED_BAD_ROWS} more bad rows in ${reportFile}`);
  for (const dup of duplicateRows.slice(0, MAX_PRINTED_BAD_ROWS))
    ctx.log.info(`  dropped duplicate ${dup.file}:${dup.row} (${dup.id}, first at row ${dup.firstRow})`);
  if (!report.passed) {
    const totalRows = report.files.reduce((n, f) => n + f.rows, 0);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    throw new TooManyBadRowsError(
      `${badRows.length} of ${totalRows} rows (${pct(report.badRowShare)}) are invalid, above the limit of ${pct(report.maxBadRowShare)} (clean.maxBadRowShare); see ${reportFile}`,
    );
  }
}
