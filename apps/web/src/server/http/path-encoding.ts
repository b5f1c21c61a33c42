// A path with a broken percent-escape ("/api/recommendations/%zz/rating") makes Next's own
// decodeURIComponent throw before the route runs (a plain-text 500). proxy.ts asks this first.
export function hasMalformedPercentEncoding(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
