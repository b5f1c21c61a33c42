import { PageLink } from "./page-link";

/**
 * A link to /results, which creates a recommendation while it renders: never prefetched (a page full of song links
 * would otherwise send a request per link as they scroll into view), only followed when clicked.
 */
export const ResultsLink = PageLink;
