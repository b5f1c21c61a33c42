"use client";

import { SearchForm } from "./search-form";

/** "Search another song", folded away above a list and open when there is nothing to show (not found, no query). */
export function SearchAgain({ initial, open = false }: { initial?: { title?: string; artist?: string }; open?: boolean }) {
  return (
    <details className="card search-again" open={open}>
      <summary>Search another song</summary>
      <SearchForm initial={initial} />
    </details>
  );
}
