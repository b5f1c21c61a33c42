import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { EmptyFileError, MissingColumnsError, NotCsvError, readCsvBytes, validateSongTable, type TColumnMap } from "../src";

const SEED_COLUMNS: TColumnMap = {
  id: "id",
  title: "name",
  key: "key",
  mode: "mode",
  durationMs: "duration_ms",
  danceability: "danceability",
  energy: "energy",
  loudness: "loudness",
  speechiness: "speechiness",
  acousticness: "acousticness",
  instrumentalness: "instrumentalness",
  liveness: "liveness",
  valence: "valence",
  tempo: "tempo",
};
const fixture = fs.readFileSync(path.join(__dirname, "fixtures/seed-small.csv"), "utf8");
const [header, ...lines] = fixture.trimEnd().split("\n");

function validate(text: string) {
  return validateSongTable(readCsvBytes(Buffer.from(text), "songs.csv"), { file: "songs.csv", columns: SEED_COLUMNS, source: "seed" });
}
function withCell(line: string, column: string, value: string): string {
  const cells = line.split(",");
  cells[header!.split(",").indexOf(column)] = value;
  return cells.join(",");
}

describe("reading and validating song CSVs", () => {
  it("reads the seed format: renames name→title, converts numbers, keeps every valid row", () => {
    const result = validate(fixture);
    expect(result.badRows).toEqual([]);
    expect(result.songs).toHaveLength(6);
    expect(result.rowNumbers).toEqual([2, 3, 4, 5, 6, 7]);
    expect(result.songs[0]).toMatchObject({
      id: "06XQvnJb53SUYmlWIhUXUi",
      title: "怪物",
      artists: [],
      key: 1,
      mode: 1,
      durationMs: 206000,
      source: "seed",
      features: { danceability: 0.627, energy: 0.824, loudness: -3.419, tempo: 169.935, instrumentalness: 6.57e-5 },
    });
  });

  it("reports each bad row with its spreadsheet row number and reason", () => {
    const bad = [
      header!,
      lines[0]!, // row 2 ok
      withCell(lines[1]!, "energy", "loud"), // row 3 non-numeric
      withCell(lines[2]!, "tempo", "NaN"), // row 4 NaN
      withCell(lines[3]!, "danceability", "1.7"), // row 5 out of range
      withCell(lines[4]!, "name", " "), // row 6 empty title
      withCell(lines[5]!, "id", "not-an-id"), // row 7 bad id
    ].join("\n");
    const result = validate(bad);
    expect(result.songs.map((s) => s.id)).toEqual(["06XQvnJb53SUYmlWIhUXUi"]);
    expect(result.totalRows).toBe(6);
    const byRow = Object.fromEntries(result.badRows.map((b) => [b.row, b.reason]));
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7]);
    expect(byRow[3]).toMatch(/^energy is not a finite number \("loud"\)/);
    expect(byRow[4]).toMatch(/^tempo is not a finite number \("NaN"\)/);
    expect(byRow[5]).toMatch(/^danceability .*1/);
    expect(byRow[6]).toMatch(/^name is empty/);
    expect(byRow[7]).toMatch(/^id is not a valid Spotify track id/);
  });

  it("drops exact duplicate track ids, remembering the first row", () => {
    const result = validate([header, lines[0], lines[1], lines[0], lines[1]].join("\n"));
    expect(result.songs).toHaveLength(2);
    expect(result.duplicateRows).toEqual([
      { row: 4, id: "06XQvnJb53SUYmlWIhUXUi", firstRow: 2 },
      { row: 5, id: "5MVjxslIF7mVtYo75Nk445", firstRow: 3 },
    ]);
  });

  it("names the missing columns", () => {
    const text = fixture.replace(",energy,", ",energie,").replace(",name\n", ",title\n");
    expect(() => validate(text)).toThrow(MissingColumnsError);
    expect(() => validate(text)).toThrow('songs.csv: missing column(s) "name", "energy"');
  });

  it("rejects an empty file, a header without rows, a binary file and text that is not CSV", () => {
    expect(() => readCsvBytes(Buffer.alloc(0), "empty.csv")).toThrow(new EmptyFileError("empty.csv: file is empty"));
    expect(() => readCsvBytes(Buffer.from("\n  \n"), "blank.csv")).toThrow(EmptyFileError);
    expect(() => readCsvBytes(Buffer.from(`${header}\n`), "h.csv")).toThrow("h.csv: no data rows below the header");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => readCsvBytes(png, "cover.png")).toThrow(new NotCsvError("cover.png: not a CSV file (binary content)"));
    expect(() => readCsvBytes(Buffer.from("# Notes\nJust some prose here.\n"), "notes.md")).toThrow(
      /notes.md: not a CSV file \(the header has a single column/,
    );
    expect(() => readCsvBytes(Buffer.from('a,b\n1,"unterminated\n'), "q.csv")).toThrow(/q.csv: not a valid CSV file/);
    expect(() => readCsvBytes(Buffer.from("a,b\n1,2,3\n"), "r.csv")).toThrow(/r.csv: not a valid CSV file/);
  });

  it("takes only plain decimal numbers: hex, binary, octal and Infinity are bad cells", () => {
    const cells = ["0x1", "0b1", "0o7", "Infinity", "-Infinity", "1_0", "1e", ".", "0x1p3"];
    const text = [header!, ...cells.map((value) => withCell(lines[0]!, "energy", value))].join("\n");
    const result = validate(text);
    expect(result.songs).toEqual([]);
    expect(result.badRows.map((b) => b.row)).toEqual(cells.map((_, i) => i + 2));
    result.badRows.forEach((b, i) => expect(b.reason).toBe(`energy is not a finite number (${JSON.stringify(cells[i])})`));
    // Ordinary decimal spellings still read.
    const fine = [
      header!,
      withCell(lines[0]!, "energy", "+.5"),
      withCell(lines[1]!, "energy", "5E-1"),
      withCell(lines[2]!, "energy", "1."),
    ].join("\n");
    expect(validate(fine).songs.map((s) => s.features.energy)).toEqual([0.5, 0.5, 1]);
  });

  it("reports an unclosed quote at the line where it opens, not where parsing gave up", () => {
    const rows = [header!];
    for (let line = 2; line <= 227; line++) rows.push(line === 202 ? withCell(lines[0]!, "name", '"Unclosed title') : lines[line % 6]!);
    expect(() => readCsvBytes(Buffer.from(rows.join("\n") + "\n"), "songs.csv")).toThrow(
      new NotCsvError("songs.csv: not a valid CSV file (the quoted field opened at line 202 is not closed properly)"),
    );
    // A quote that closes with stray text after it is pointed at where its field opened, too.
    rows[201] = lines[0]!;
    rows[209] = withCell(lines[0]!, "name", '"Title" extra');
    expect(() => readCsvBytes(Buffer.from(rows.join("\n")), "songs.csv")).toThrow(/opened at line 210 is not closed properly/);
    // Quoted fields with newlines and doubled quotes inside are balanced: no error, correct count.
    const ok = [header!, withCell(lines[0]!, "name", '"Line one\nline ""two"""'), lines[1]!].join("\n");
    expect(readCsvBytes(Buffer.from(ok), "songs.csv").records.map((r) => r.name)).toEqual(['Line one\nline "two"', expect.any(String)]);
  });

  it("reads gzip-compressed CSV and quoted fields with commas", () => {
    const text = `id,title,artists\n06XQvnJb53SUYmlWIhUXUi,"Hello, world","A;B"\n`;
    const table = readCsvBytes(gzipSync(Buffer.from(text)), "t.csv.gz");
    expect(table.records).toEqual([{ id: "06XQvnJb53SUYmlWIhUXUi", title: "Hello, world", artists: "A;B" }]);
  });
});
