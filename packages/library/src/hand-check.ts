// Precision of the kind and anime-title patterns against rows a person checked by hand. Rows whose
// judgement is "unsure" are left out of the figure they are unsure about.
import { normalizeText } from "@anisong/providers";
import { matchAnimeTitle } from "./anime-title";
import { classifyKind, SONG_KINDS, type TSongKind } from "./song-kind";

export type THandCheckedRow = {
  id: string;
  title: string;
  album: string | null;
  artists: string[];
  instrumentalness: number | null;
  /** original | soundtrack | cover | unsure */
  trueKind: TSongKind | "unsure";
  /** the anime's title, "" for none, "unsure" when the checker could not tell */
  trueAnimeTitle: string;
  /** does the row belong to an anime at all (scored against the library's animeTieIn flag, which needs the whole library) */
  trueTieIn?: "yes" | "no" | "unsure";
};

export type TPrecision = { predicted: number; correct: number; precision: number | null };

export type THandCheckScore = {
  rows: number;
  kind: Record<TSongKind, TPrecision> & { overall: TPrecision; unsure: number };
  animeTitle: {
    /** share of judged rows that got a title */
    coverage: number;
    /** share of rows with a true anime title that got the right one */
    recall: number | null;
    precision: TPrecision;
    unsure: number;
  };
  mistakes: { id: string; title: string; field: "kind" | "animeTitle"; predicted: string | null; expected: string }[];
};

const precision = (predicted: number, correct: number): TPrecision => ({
  predicted,
  correct,
  precision: predicted === 0 ? null : correct / predicted,
});

/**
 * An extracted title is right when it equals the true one after normalisation, or one contains the other
 * ("Attack on Titan" for "Attack on Titan The Final Season"): the stored title names the right show.
 */
export function sameAnimeTitle(extracted: string, truth: string): boolean {
  const a = normalizeText(extracted).replace(/\s+/g, "");
  const b = normalizeText(truth).replace(/\s+/g, "");
  if (a.length === 0 || b.length === 0) return false;
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.includes(b) || b.includes(a)));
}

export function scoreHandChecked(rows: readonly THandCheckedRow[]): THandCheckScore {
  const mistakes: THandCheckScore["mistakes"] = [];
  const perKind = Object.fromEntries(SONG_KINDS.map((k) => [k, { predicted: 0, correct: 0 }])) as Record<
    TSongKind,
    { predicted: number; correct: number }
  >;
  let kindUnsure = 0;
  let titleUnsure = 0;
  let judgedTitles = 0;
  let extracted = 0;
  let extractedCorrect = 0;
  let withTrueTitle = 0;
  let foundTrueTitle = 0;
  for (const row of rows) {
    const kind = classifyKind({ title: row.title, album: row.album, artists: row.artists, instrumentalness: row.instrumentalness }).kind;
    if (row.trueKind === "unsure") kindUnsure++;
    else {
      perKind[kind].predicted++;
      if (kind === row.trueKind) perKind[kind].correct++;
      else mistakes.push({ id: row.id, title: row.title, field: "kind", predicted: kind, expected: row.trueKind });
    }
    const match = matchAnimeTitle({ title: row.title, album: row.album })?.animeTitle ?? null;
    if (row.trueAnimeTitle === "unsure") {
      titleUnsure++;
      continue;
    }
    judgedTitles++;
    const truth = row.trueAnimeTitle.trim();
    if (truth.length > 0) withTrueTitle++;
    if (match !== null) {
      extracted++;
      const ok = truth.length > 0 && sameAnimeTitle(match, truth);
      if (ok) extractedCorrect++;
      else mistakes.push({ id: row.id, title: row.title, field: "animeTitle", predicted: match, expected: truth });
      if (ok) foundTrueTitle++;
    }
  }
  const total = SONG_KINDS.reduce((n, k) => n + perKind[k].predicted, 0);
  const totalCorrect = SONG_KINDS.reduce((n, k) => n + perKind[k].correct, 0);
  return {
    rows: rows.length,
    kind: {
      original: precision(perKind.original.predicted, perKind.original.correct),
      soundtrack: precision(perKind.soundtrack.predicted, perKind.soundtrack.correct),
      cover: precision(perKind.cover.predicted, perKind.cover.correct),
      overall: precision(total, totalCorrect),
      unsure: kindUnsure,
    },
    animeTitle: {
      coverage: judgedTitles === 0 ? 0 : extracted / judgedTitles,
      recall: withTrueTitle === 0 ? null : foundTrueTitle / withTrueTitle,
      precision: precision(extracted, extractedCorrect),
      unsure: titleUnsure,
    },
    mistakes,
  };
}
