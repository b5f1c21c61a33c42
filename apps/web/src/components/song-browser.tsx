"use client";

import { ResultsLink } from "./results-link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { fetchSongs } from "../lib/api-client";
import type { TSongSort, TSongsPage, TSortOrder } from "../lib/api-types";
import { artistsText, langOf } from "../lib/features";
import { FIRST_SONGS_PAGE } from "../lib/first-songs-page";
import { resultsHref } from "../lib/result-query";
import { ErrorNotice } from "./error-notice";

const COLUMNS: { key: TSongSort; label: string; className?: string }[] = [
  { key: "title", label: "Title" },
  { key: "artist", label: "Artists" },
  { key: "cluster", label: "Sound", className: "hide-narrow" },
  { key: "energy", label: "Energy", className: "num hide-narrow" },
  { key: "popularity", label: "Popularity", className: "num hide-narrow" },
];

const PAGE_SIZES = [10, 25, 50] as const;

type TPageKey = { page: number; size: number; sort: TSongSort; order: TSortOrder };
const keyOf = (k: TPageKey) => `${k.page}:${k.size}:${k.sort}:${k.order}`;

/**
 * The pages seen so far, fetched with plain fetch when the listener pages or sorts (no React Query on the home
 * page): the previous page stays on screen while the next one loads, and a page seen before shows at once.
 */
function useSongsPages(initial: TSongsPage | undefined) {
  const [cache] = useState(() => new Map<string, TSongsPage>(initial ? [[keyOf(FIRST_SONGS_PAGE), initial]] : []));
  const [state, setState] = useState<{ data?: TSongsPage; error: unknown; fetching: boolean }>({
    data: initial,
    error: null,
    fetching: !initial,
  });
  // Only the newest request may update the list (an older, slower answer is dropped).
  const latest = useRef(0);

  const load = useCallback(
    (key: TPageKey) => {
      const ticket = ++latest.current;
      fetchSongs(key).then(
        (page) => {
          cache.set(keyOf(key), page);
          if (ticket === latest.current) setState({ data: page, error: null, fetching: false });
        },
        (error: unknown) => {
          if (ticket === latest.current) setState((s) => ({ ...s, error, fetching: false }));
        },
      );
    },
    [cache],
  );

  function show(key: TPageKey) {
    const hit = cache.get(keyOf(key));
    if (hit) {
      latest.current++;
      setState({ data: hit, error: null, fetching: false });
    } else {
      setState((s) => ({ ...s, fetching: true }));
      load(key);
    }
  }

  // Rendered without a first page (no database at render time): ask the API, which explains what is wrong.
  useEffect(() => {
    if (!initial) load(FIRST_SONGS_PAGE);
  }, [initial, load]);

  return { ...state, isError: state.error !== null, isFetching: state.fetching, show };
}

export function SongBrowser({ initial }: { initial?: TSongsPage }) {
  const [key, setKey] = useState<TPageKey>(FIRST_SONGS_PAGE);
  const { page, size, sort, order } = key;
  const id = useId();
  const query = useSongsPages(initial);

  function go(next: Partial<TPageKey>) {
    const merged = { ...key, ...next };
    setKey(merged);
    query.show(merged);
  }

  function sortBy(column: TSongSort) {
    if (column === sort) go({ order: order === "asc" ? "desc" : "asc", page: 1 });
    else go({ sort: column, order: column === "popularity" || column === "energy" ? "desc" : "asc", page: 1 });
  }

  const data = query.data;
  const totalPages = data?.totalPages ?? 1;

  return (
    <section className="card browser" aria-labelledby={`${id}-title`}>
      <div className="browser__head">
        <h2 id={`${id}-title`}>Anime songs in the library</h2>
        <div className="field field--inline">
          <label htmlFor={`${id}-size`}>Per page</label>
          <select id={`${id}-size`} value={size} onChange={(e) => go({ size: Number(e.target.value), page: 1 })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint">Pick any of them to get anime songs that sound like it.</p>

      {query.isError ? (
        <ErrorNotice error={query.error} />
      ) : (
        <div className="table-scroll">
          <table className="table" aria-busy={query.isFetching} aria-describedby={`${id}-status`}>
            <caption className="visually-hidden">
              Anime songs, sorted by {sort} ({order === "asc" ? "ascending" : "descending"}), page {page} of {totalPages}
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((col) => (
                  <th
                    key={col.key}
                    scope="col"
                    className={col.className}
                    aria-sort={sort === col.key ? (order === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <button type="button" className="sort-button" onClick={() => sortBy(col.key)}>
                      {col.label}
                      <span aria-hidden="true" className="sort-button__icon">
                        {sort === col.key ? (order === "asc" ? "▲" : "▼") : "↕"}
                      </span>
                    </button>
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Listen</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data
                ? data.items.map((song) => (
                    <tr key={song.id}>
                      <td className="title-cell">
                        <ResultsLink href={resultsHref({ trackId: song.id })} lang={langOf(song.title)}>
                          {song.title}
                        </ResultsLink>
                      </td>
                      <td lang={langOf(song.artists.join(" "))}>{artistsText(song.artists)}</td>
                      <td className="hide-narrow">
                        <span className={`tag c${song.cluster.index % 10}`}>{song.cluster.label}</span>
                      </td>
                      <td className="num hide-narrow">{song.features.energy.toFixed(2)}</td>
                      <td className="num hide-narrow">{song.popularity ?? "—"}</td>
                      <td>
                        <a className="spotify-link" href={song.spotifyUrl} target="_blank" rel="noopener noreferrer">
                          Spotify<span className="visually-hidden"> (opens {song.title} in a new tab)</span>
                        </a>
                      </td>
                    </tr>
                  ))
                : Array.from({ length: size }, (_, i) => (
                    <tr key={i} className="skeleton-row" aria-hidden="true">
                      <td colSpan={COLUMNS.length + 1}>
                        <span className="skeleton" />
                      </td>
                    </tr>
                  ))}
            </tbody>
          </table>
        </div>
      )}

      <nav className="pager" aria-label="Song list pages">
        <button type="button" className="button" onClick={() => go({ page: Math.max(1, page - 1) })} disabled={page <= 1}>
          ← Previous
        </button>
        <span id={`${id}-status`} aria-live="polite">
          Page {page} of {totalPages}
          {data ? ` · ${data.total} songs` : ""}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => go({ page: Math.min(totalPages, page + 1) })}
          disabled={page >= totalPages || !data}
        >
          Next →
        </button>
      </nav>
    </section>
  );
}
