// Precision of the kind and anime-title patterns on the hand-checked sample (test/fixtures/hand-checked-sample.csv:
// 125 library rows drawn by `node scripts/draw-sample.mjs 125 9`, each judged by a person; "unsure" judgements are
// left out of the figure they concern). The floors are the package's promise; a rule change that breaks it fails here.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { scoreHandChecked, type THandCheckedRow } from "../src";

const FILE = path.join(__dirname, "fixtures/hand-checked-sample.csv");
export const KIND_PRECISION_FLOOR = 0.85;
export const ANIME_TITLE_PRECISION_FLOOR = 0.9;

function readSample(): THandCheckedRow[] {
  const records = parse(fs.readFileSync(FILE, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r) => ({
    id: r.id!,
    title: r.title!,
    album: r.album ? r.album : null,
    artists: r.artists ? r.artists.split(";") : [],
    instrumentalness: r.instrumentalness ? Number(r.instrumentalness) : null,
    trueKind: r.true_kind as THandCheckedRow["trueKind"],
    trueAnimeTitle: r.true_anime_title!,
  }));
}

describe("hand-checked sample", () => {
  const rows = readSample();
  const score = scoreHandChecked(rows);

  it("has at least 120 distinct rows, each judged with a known kind or 'unsure'", () => {
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) expect(["original", "soundtrack", "cover", "unsure"]).toContain(r.trueKind);
  });

  it(`kind precision is at least ${KIND_PRECISION_FLOOR} for every kind`, () => {
    // Printed so the figures in the README can be checked against a run.
    console.log(JSON.stringify({ kind: score.kind, animeTitle: score.animeTitle }, null, 1));
    for (const kind of ["original", "soundtrack", "cover"] as const) {
      expect(score.kind[kind].predicted).toBeGreaterThanOrEqual(10);
      expect(score.kind[kind].precision).toBeGreaterThanOrEqual(KIND_PRECISION_FLOOR);
    }
  });

  it(`anime-title precision is at least ${ANIME_TITLE_PRECISION_FLOOR}`, () => {
    expect(score.animeTitle.precision.predicted).toBeGreaterThanOrEqual(10);
    expect(score.animeTitle.precision.precision).toBeGreaterThanOrEqual(ANIME_TITLE_PRECISION_FLOOR);
  });

  it("the scoring can fail: the same rows with every kind judgement rotated score low", () => {
    const rotate = { original: "soundtrack", soundtrack: "cover", cover: "original", unsure: "unsure" } as const;
    const wrong = scoreHandChecked(
      rows.map((r) => ({ ...r, trueKind: rotate[r.trueKind], trueAnimeTitle: r.trueAnimeTitle ? "Some Other Show" : "" })),
    );
    expect(wrong.kind.overall.precision!).toBeLessThan(0.3);
    expect(wrong.animeTitle.precision.precision!).toBeLessThan(0.3);
  });
});
