// CSV text → records keyed by header. csv-parse does the RFC 4180 work (quoted commas, quotes, newlines
// inside fields, BOM); we add the checks that turn a wrong file into one clear error.
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { EmptyFileError, NotCsvError } from "../errors";

export type TCsvTable = { header: string[]; records: Record<string, string>[] };

/** Gzip is unpacked transparently (the catalog ships as .csv.gz). */
export function decodeCsvBytes(bytes: Buffer, file: string): string {
  let data = bytes;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data);
    } catch {
      throw new NotCsvError(`${file}: looks gzip-compressed but cannot be decompressed`);
    }
  }
  if (data.length === 0 || data.toString("utf8").trim() === "") throw new EmptyFileError(`${file}: file is empty`);
  // Text CSV never holds NUL bytes; images, archives and other binaries almost always do.
  if (data.subarray(0, 8192).includes(0)) throw new NotCsvError(`${file}: not a CSV file (binary content)`);
  return data.toString("utf8");
}

export function parseCsv(text: string, file: string): TCsvTable {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    // csv-parse reports an unclosed quote where it gave up (the end of the file), not where it opened.
    const opened = unclosedQuoteLine(text);
    if (opened !== undefined) {
      throw new NotCsvError(`${file}: not a valid CSV file (the quoted field opened at line ${opened} is not closed properly)`);
    }
    throw new NotCsvError(`${file}: not a valid CSV file (${(error as Error).message})`);
  }
  const [header, ...data] = rows;
  if (!header || header.length === 0) throw new EmptyFileError(`${file}: file is empty`);
  if (header.length < 2) throw new NotCsvError(`${file}: not a CSV file (the header has a single column: "${header[0]?.slice(0, 40)}")`);
  if (data.length === 0) throw new EmptyFileError(`${file}: no data rows below the header`);
  const records = data.map((row) => {
    const record: Record<string, string> = {};
    header.forEach((name, i) => (record[name] = row[i] ?? ""));
    return record;
  });
  return { header, records };
}

/**
 * The line (1-based, the header is line 1) where a quoted field opens that never closes, or that
 * closes with something other than a delimiter or the end of the line after it. Undefined when every
 * quote is balanced. A tiny RFC 4180 scan, used only to point at the culprit after csv-parse failed.
 */
export function unclosedQuoteLine(text: string, delimiter = ","): number | undefined {
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (fieldStart && ch === '"') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length) return opened;
        const c = text[i];
        if (c === "\n") line++;
        if (c === '"') {
          if (text[i + 1] === '"') {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") return opened;
      fieldStart = false;
      continue;
    }
    if (ch === "\n") line++;
    fieldStart = ch === delimiter || ch === "\n" || ch === "\r";
    i++;
  }
  return undefined;
}

export function readCsvBytes(bytes: Buffer, file: string): TCsvTable {
  return parseCsv(decodeCsvBytes(bytes, file), file);
}
