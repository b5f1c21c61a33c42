// The one list of free-text length limits, read by the API's zod schemas (server/schemas.ts) and by the
// forms' maxLength, so a box never accepts what the API then refuses.
export const INPUT_LIMITS = {
  title: 200,
  artist: 200,
  /** A Spotify track link, URI or id (links carry tracking parameters). */
  trackId: 300,
  comment: 1000,
} as const;
