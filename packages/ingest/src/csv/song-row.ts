// One validated song row. Cells arrive as strings; each is checked and converted here, so a bad
// cell is reported with its column and value instead of turning into NaN downstream.
import { FEATURE_NAMES, ZAudioFeatures, type TAudioFeatures } from "@anisong/core-ml";
import { z } from "zod";

export const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

/** Our field names; a column map says which CSV column holds each. */
export const SONG_FIELDS = [
  "id",
  "title",
  "artists",
  "album",
  "popularity",
  "genres",
  "key",
  "mode",
  "durationMs",
  ...FEATURE_NAMES,
] as const;
export type TSongField = (typeof SONG_FIELDS)[number];
export const REQUIRED_SONG_FIELDS: readonly TSongField[] = ["id", "title", ...FEATURE_NAMES];

export const ZColumnMap = z.partialRecord(z.enum(SONG_FIELDS), z.string().min(1));
export type TColumnMap = z.infer<typeof ZColumnMap>;

export const ZCleanSong = z.object({
  id: z.string().regex(SPOTIFY_ID),
  title: z.string().min(1),
  artists: z.array(z.string()),
  album: z.string().nullable(),
  popularity: z.number().int().min(0).max(100).nullable(),
  genres: z.array(z.string()),
  key: z.number().int().min(-1).max(11).nullable(),
  mode: z.number().int().min(0).max(1).nullable(),
  durationMs: z.number().int().min(0).max(2_147_483_647).nullable(),
  features: ZAudioFeatures,
  source: z.string().min(1),
});
export type TCleanSong = z.infer<typeof ZCleanSong>;

// Plain decimal notation only: Number() would also take "0x1", "0b1", "0o7" and "Infinity".
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const numberCell = z
  .string()
  .trim()
  .min(1, "is empty")
  .transform((text, ctx) => {
    const value = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) {
      ctx.addIssue({ code: "custom", message: `is not a finite number (${JSON.stringify(text.slice(0, 30))})` });
      return z.NEVER;
    }
    return value;
  });

const optionalNumberCell = z
  .string()
  .trim()
  .transform((text) => (text === "" ? null : text))
  .pipe(z.union([z.null(), numberCell]));

const ZRawSong = z.object({
  id: z.string().trim().regex(SPOTIFY_ID, "is not a valid Spotify track id (22 letters and digits)"),
  title: z.string().trim().min(1, "is empty"),
  artists: z.string().optional(),
  album: z.string().optional(),
  popularity: optionalNumberCell.pipe(z.union([z.null(), z.number().int().min(0).max(100)])).optional(),
  genres: z.string().optional(),
  key: optionalNumberCell.pipe(z.union([z.null(), z.number().int().min(-1).max(11)])).optional(),
  mode: optionalNumberCell.pipe(z.union([z.null(), z.number().int().min(0).max(1)])).optional(),
  durationMs: optionalNumberCell.pipe(z.union([z.null(), z.number().min(0).max(2_147_483_647)])).optional(),
  ...(Object.fromEntries(FEATURE_NAMES.map((name) => [name, numberCell.pipe(ZAudioFeatures.shape[name])])) as unknown as Record<
    (typeof FEATURE_NAMES)[number],
    z.ZodType<number, string>
  >),
});

export type TSongRowResult = { ok: true; song: TCleanSong } | { ok: false; reason: string };

function splitList(text: string | undefined, separator: string): string[] {
  if (!text) return [];
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Picks the mapped columns from a record and validates them. */
export function parseSongRow(
  record: Record<string, string>,
  columns: TColumnMap,
  options: { source: string; listSeparator?: string },
): TSongRowResult {
  const picked: Record<string, string | undefined> = {};
  for (const field of SONG_FIELDS) {
    const column = columns[field];
    if (column !== undefined) picked[field] = record[column];
  }
  const parsed = ZRawSong.safeParse(picked);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => {
        const field = String(issue.path[0] ?? "row");
        return `${columns[field as TSongField] ?? field} ${issue.message}`;
      })
      .join("; ");
    return { ok: false, reason };
  }
  const r = parsed.data;
  const separator = options.listSeparator ?? ";";
  const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, r[name]])) as TAudioFeatures;
  return {
    ok: true,
    song: {
      id: r.id,
      title: r.title,
      artists: splitList(r.artists, separator),
      album: r.album?.trim() || null,
      popularity: r.popularity ?? null,
      genres: splitList(r.genres, separator),
      key: r.key ?? null,
      mode: r.mode ?? null,
      durationMs: r.durationMs == null ? null : Math.round(r.durationMs),
      features,
      source: options.source,
    },
  };
}
