// "Save to Spotify" is a GET link, and Spotify sends an already-consenting listener straight back, so a link on
// another site could otherwise create playlists in a visitor's account. The browser says where a navigation
// came from: Sec-Fetch-Site "same-origin" (our button) or "none" (typed, bookmarked) is let through; without
// that header (older browsers) the Referer must be our public origin.
export function isSameSiteNavigation(request: Request, origin: string): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin === origin;
  } catch {
    return false;
  }
}
