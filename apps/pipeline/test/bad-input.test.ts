// Bad inputs through acquire + clean: each is a clear, specific error or a row-numbered report.
import fs from "node:fs";
import path from "node:path";
import { artifactPaths, runStep, TooManyBadRowsError } from "../src";
import { createWorkspace, FIXTURES, readJsonFile } from "./helpers";

const fixture = fs.readFileSync(path.join(FIXTURES, "seed-small.csv"), "utf8").trimEnd().split("\n");
const header = fixture[0]!.split(",");

function setCell(line: string, column: string, value: string): string {
  const cells = line.split(",");
  cells[header.indexOf(column)] = value;
  return cells.join(",");
}

async function cleanFile(content: string | Buffer, maxBadRowShare = 0.05) {
  const ws = createWorkspace({ clean: { maxBadRowShare } });
  const file = path.join(ws.dir, "input.csv");
  fs.writeFileSync(file, content);
  ws.ctx.config.paths.seed = file;
  await runStep(ws.ctx, "acquire");
  return { ws, run: () => runStep(ws.ctx, "clean"), paths: artifactPaths(ws.ctx.config) };
}

describe("clean on bad input", () => {
  it("reports non-numeric cells, NaN, out-of-range values and bad ids with row numbers, and fails above the limit", async () => {
    const lines = [...fixture];
    lines[3] = setCell(lines[3]!, "energy", "high"); // spreadsheet row 4
    lines[5] = setCell(lines[5]!, "tempo", "NaN"); // row 6
    lines[7] = setCell(lines[7]!, "valence", "-0.5"); // row 8
    lines[10] = setCell(lines[10]!, "id", "spotify:track:x"); // row 11
    const { ws, run, paths } = await cleanFile(lines.join("\n"));
    try {
      await expect(run()).rejects.toThrow(
        new TooManyBadRowsError(
          `4 of 60 rows (6.7%) are invalid, above the limit of 5.0% (clean.maxBadRowShare); see ${paths.cleanReport}`,
        ),
      );
      const report = readJsonFile(paths.cleanReport);
      expect(report.passed).toBe(false);
      expect(report.badRows.map((b: { row: number }) => b.row)).toEqual([4, 6, 8, 11]);
      expect(report.badRows[0].reason).toMatch(/^energy is not a finite number \("high"\)/);
      expect(report.badRows[1].reason).toMatch(/^tempo is not a finite number \("NaN"\)/);
      expect(report.badRows[2].reason).toMatch(/^valence /);
      expect(report.badRows[3].reason).toMatch(/^id is not a valid Spotify track id/);
      expect(ws.ctx.log.lines.filter((l) => l.startsWith("warning: bad row input.csv:"))).toHaveLength(4);
      expect(fs.existsSync(paths.cleanSongs)).toBe(false); // nothing for the next step
    } finally {
      ws.remove();
    }
  });

  it("keeps going under the limit, dropping the bad rows and the duplicate ids", async () => {
    const lines = [...fixture];
    lines[3] = setCell(lines[3]!, "danceability", "");
    const { ws, run, paths } = await cleanFile(lines.join("\n"), 0.1);
    try {
      await run();
      const report = readJsonFile(paths.cleanReport);
      expect(report).toMatchObject({ passed: true, badRows: [{ row: 4, reason: "danceability is empty" }] });
      expect(report.duplicateRows).toHaveLength(1);
      expect(readJsonFile(paths.cleanSongs).songs).toHaveLength(58);
    } finally {
      ws.remove();
    }
  });

  it.each([
    [
      "missing columns",
      fixture
        .map((l) =>
          l
            .split(",")
            .filter((_, i) => header[i] !== "tempo" && header[i] !== "name")
            .join(","),
        )
        .join("\n"),
      /^input\.csv: missing column\(s\) "name", "tempo"$/,
    ],
    ["an empty file", "", /input\.csv: file is empty/],
    ["a header without rows", `${fixture[0]}\n`, /input\.csv: no data rows below the header/],
    [
      "a file that is not CSV (PNG bytes)",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /input\.csv: not a CSV file \(binary content\)/,
    ],
    ["a file that is not CSV (JSON text)", '{"songs": []}\n', /input\.csv: not a valid CSV file \(Invalid Opening Quote/],
    ["a broken CSV (unterminated quote)", `${fixture[0]}\n${fixture[1]!.replace(",", ',"')}`, /input\.csv: not a valid CSV file/],
  ])("fails clearly on %s", async (_name, content, message) => {
    const { ws, run } = await cleanFile(content);
    try {
      await expect(run()).rejects.toThrow(message);
    } finally {
      ws.remove();
    }
  });
});
