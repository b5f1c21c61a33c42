// How a stored query reads to a person: what the listener typed (title · artist, or the track reference),
// falling back to the resolved track.
export function queryLabel(q: {
  queryTitle: string | null;
  queryArtist: string | null;
  queryTrackId: string | null;
  trackTitle: string;
  trackArtists: string[];
}): string {
  const typed = [q.queryTitle, q.queryArtist].filter(Boolean).join(" · ");
  if (typed) return typed;
  if (q.queryTrackId) return `${q.trackTitle} · ${q.trackArtists.join(", ")} (${q.queryTrackId})`;
  return `${q.trackTitle} · ${q.trackArtists.join(", ")}`;
}
