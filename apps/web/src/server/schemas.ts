// zod schemas of every API input. Strings are trimmed and bounded; numbers come from query strings
// as text, so they are coerced and then checked as integers.
import { z } from "zod";
import { DEFAULT_KINDS, SONG_KINDS } from "../lib/song-kinds";
import { INPUT_LIMITS } from "../lib/input-limits";

// NUL and other C0/C1 controls (tab, newline and carriage return are fine in free text): PostgreSQL
// refuses NUL in text (SQLSTATE 22021), and none of them belongs in a title, an artist or a comment.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Free text from a client: well-formed UTF-16 (no lone surrogate, which Prisma and PostgreSQL cannot
 * encode) and no control characters, checked before anything else touches it; then NFC and trimmed.
 */
export const safeText = (max: number) =>
  z
    .string()
    .max(max * 4, `at most ${max} characters`) // cheap guard before normalising
    .refine((s) => s.isWellFormed(), "must be well-formed Unicode (no lone surrogate code units)")
    .refine((s) => !CONTROL_CHARACTERS.test(s), "must not contain NUL or other control characters")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, `at most ${max} characters`));

const text = safeText;

const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((s) => (s === undefined || s === "" ? undefined : s));

/** Query-string integer: "3" → 3; rejects "3.5", "1e3", "abc", "". */
const queryInt = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((n) => n ?? fallback);

export const SONG_SORTS = ["title", "artist", "popularity", "cluster", "energy", "danceability", "valence", "tempo"] as const;

export const ZSongsQuery = z.object({
  page: queryInt(1, 1_000_000, 1),
  size: queryInt(1, 100, 10),
  sort: z
    .enum(SONG_SORTS)
    .optional()
    .transform((s) => s ?? "title"),
  order: z
    .enum(["asc", "desc"])
    .optional()
    .transform((s) => s ?? "asc"),
  cluster: z
    .string()
    .regex(/^\d{1,3}$/, "must be a cluster number")
    .transform(Number)
    .optional(),
});
export type TSongsQuery = z.infer<typeof ZSongsQuery>;

const titleArtist = {
  title: optionalText(INPUT_LIMITS.title),
  artist: optionalText(INPUT_LIMITS.artist),
};

export const ZSearchQuery = z
  .object({ ...titleArtist, limit: queryInt(1, 25, 10) })
  .refine((q) => q.title !== undefined || q.artist !== undefined, { message: "Give a title or an artist (or both)." });
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

/** A track id, Spotify URL or URI; checked against the Spotify id format by the route. */
const trackRef = text(INPUT_LIMITS.trackId).pipe(z.string().min(1, "must not be empty"));

/** Which kinds of songs to recommend: a non-empty set, returned in SONG_KINDS order (one cache key per set). */
const ZKinds = z
  .array(z.enum(SONG_KINDS))
  .min(1, "choose at least one kind")
  .max(SONG_KINDS.length)
  .optional()
  .transform((kinds) => (kinds ? SONG_KINDS.filter((k) => kinds.includes(k)) : [...DEFAULT_KINDS]));

export const ZRecommendationRequest = z
  .object({
    trackId: trackRef.optional(),
    ...titleArtist,
    topN: z.number().int().min(1).max(50).optional().default(10),
    maxPerArtist: z.number().int().min(1).max(50).optional().default(2),
    kinds: ZKinds,
  })
  .strict()
  .refine((q) => q.trackId !== undefined || q.title !== undefined || q.artist !== undefined, {
    message: "Give a track id or link, or a title and/or an artist.",
  });
export type TRecommendationRequest = z.infer<typeof ZRecommendationRequest>;
/** What a client sends (before defaults and trimming). */
export type TRecommendationRequestBody = z.input<typeof ZRecommendationRequest>;

export const ZRecommendationId = z.uuid("must be a recommendation id");

export const ZRatingRequest = z
  .object({
    stars: z.number().int("must be a whole number of stars").min(1).max(5),
    comment: safeText(INPUT_LIMITS.comment)
      .nullish()
      .transform((s) => (s ? s : null)),
  })
  .strict();
export type TRatingRequest = z.infer<typeof ZRatingRequest>;
export type TRatingRequestBody = z.input<typeof ZRatingRequest>;

/** A song of a recommendation, as the feedback route's path names it (a track id). */
export const ZSongId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a track id (1–64 of A-Z, a-z, 0-9, _ and -)");

export const ZPickFeedbackRequest = z.object({ vote: z.enum(["like", "dislike"], 'must be "like" or "dislike"') }).strict();
export type TPickFeedbackRequest = z.infer<typeof ZPickFeedbackRequest>;

export const ZInsightsQuery = z.object({
  recommendation: ZRecommendationId.optional(),
});

/** URLSearchParams → plain object; a repeated key is an error rather than a silent pick. */
export function searchParamsObject(url: string): Record<string, string> {
  const params = new URL(url).searchParams;
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (all.length > 1) throw new z.ZodError([{ code: "custom", path: [key], message: "must be given once", input: all }]);
    out[key] = all[0] as string;
  }
  return out;
}
