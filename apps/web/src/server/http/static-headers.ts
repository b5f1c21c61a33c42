// The security headers every response carries (nosniff, no framing, referrer and permissions policies), as a
// header record for the API's answers; next.config.mjs gives the pages the same list from the JSON file.
import staticHeaders from "./static-headers.json";

export const STATIC_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  staticHeaders.map((header) => [header.key.toLowerCase(), header.value]),
);
