"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { fetchSongs } from "../lib/api-client";
import type { TSongSort } from "../lib/api-types";
import { artistsText, langOf } from "../lib/features";
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

export function SongBrowser() {
  const [page, setPage] = useState(1);
  const [size, setSize] = useState<number>(10);
  const [sort, setSort] = useState<TSongSort>("popularity");
  const [order, setOrder] = useState<"asc" | "desc">("desc");
  const id = useId();

  const query = useQuery({
    queryKey: ["songs", page, size, sort, order],
    queryFn: () => fetchSongs({ page, size, sort, order }),
    placeholderData: keepPreviousData,
  });

  function sortBy(key: TSongSort) {
    if (key === sort) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(key);
      setOrder(key === "popularity" || key === "energy" ? "desc" : "asc");
    }
    setPage(1);
  }

  const data = query.data;
  const totalPages = data?.totalPages ?? 1;

  return (
    <section className="card browser" aria-labelledby={`${id}-title`}>
      <div className="browser__head">
        <h2 id={`${id}-title`}>Anime songs in the library</h2>
        <div className="field field--inline">
          <label htmlFor={`${id}-size`}>Per page</label>
          <select
            id={`${id}-size`}
            value={size}
            onChange={(e) => {
              setSize(Number(e.target.value));
              setPage(1);
            }}
          >
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
                        <Link href={resultsHref({ trackId: song.id })} lang={langOf(song.title)}>
                          {song.title}
                        </Link>
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
        <button type="button" className="button" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
          ← Previous
        </button>
        <span id={`${id}-status`} aria-live="polite">
          Page {page} of {totalPages}
          {data ? ` · ${data.total} songs` : ""}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => setPage((p) => Math.min(totalPages, p + 1))}
          disabled={page >= totalPages || !data}
        >
          Next →
        </button>
      </nav>
    </section>
  );
}
