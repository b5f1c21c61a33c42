// Redirect answers of the Save to Spotify routes, with any cookies to set and nothing cached.
import type { TSpotifySaveStatusCode } from "../../lib/spotify-save-status";

export function redirectTo(location: string, cookies: string[] = [], status = 302): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status, headers });
}

/** Back to the recommendation's permalink with what happened: ?saved=<playlist id> or ?spotifyError=<code>. */
export function permalinkWithStatus(permalink: string, status: { saved: string } | { error: TSpotifySaveStatusCode }): string {
  const url = new URL(permalink);
  if ("saved" in status) url.searchParams.set("saved", status.saved);
  else url.searchParams.set("spotifyError", status.error);
  return url.toString();
}
