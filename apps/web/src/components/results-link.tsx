import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to /results, which creates a recommendation while it renders: never prefetched (a page full of song links
 * would otherwise send a request per link as they scroll into view), only followed when clicked.
 */
export function ResultsLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
