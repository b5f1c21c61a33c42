// Ratings by the steering options the listener used (Recommendation.options, see recommendation-options.ts).
// Used means changed from the plain list: more than one seed, any "not like this" song, a "less"/"more" target, a
// tempo range, variety above 0, or another artist cap than the default 2. A recommendation that used two options is
// counted in both groups; one that used none (or was stored before steering existed) is in the group "none".
import type { TDb } from "../client/create-prisma-client";
import { SUMMARY_COLUMNS, type TRatingSummary } from "./rating-summary";

export const STEERING_OPTION_KEYS = ["seeds", "avoid", "targets", "tempoRange", "variety", "maxPerArtist"] as const;
export type TSteeringOptionKey = (typeof STEERING_OPTION_KEYS)[number];

/** The artist cap a list has when the listener does not change it (core-ml's DEFAULT_MAX_PER_ARTIST). */
const DEFAULT_MAX_PER_ARTIST = 2;

export async function groupRatingsByOption(db: TDb): Promise<TRatingSummary[]> {
  return db.$queryRaw<TRatingSummary[]>`
    SELECT COALESCE(used.key, 'none') AS key, ${SUMMARY_COLUMNS}
    FROM "Rating" rt
    JOIN "Recommendation" r ON r."id" = rt."recommendationId"
    LEFT JOIN LATERAL (
      SELECT o.key FROM (VALUES
        ('seeds', jsonb_array_length(COALESCE(r."options" -> 'seeds', '[]')) > 1),
        ('avoid', jsonb_array_length(COALESCE(r."options" -> 'avoid', '[]')) > 0),
        ('targets', EXISTS (SELECT 1 FROM jsonb_each_text(COALESCE(r."options" -> 'targets', '{}')) t WHERE t.value <> 'same')),
        ('tempoRange', jsonb_typeof(r."options" -> 'tempoRange') = 'object'),
        ('variety', COALESCE((r."options" ->> 'variety')::float8, 0) > 0),
        ('maxPerArtist', COALESCE((r."options" ->> 'maxPerArtist')::int, ${DEFAULT_MAX_PER_ARTIST}) <> ${DEFAULT_MAX_PER_ARTIST})
      ) AS o(key, used)
      WHERE o.used
    ) AS used ON true
    GROUP BY 1
    ORDER BY n DESC, key`;
}
