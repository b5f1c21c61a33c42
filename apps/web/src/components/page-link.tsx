import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to another of Anisong's pages, never prefetched. Every page renders per request and none has a
 * `loading.js`, so Next's automatic prefetch fetched only the shared layout's payload (0.8–1.3 KB, twice per link
 * as the URL changed) and parsed it on the main thread after hydration: work on every page view, nothing of the
 * next page gained.
 */
export function PageLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
