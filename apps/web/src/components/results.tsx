"use client";

import { ResultsLink } from "./results-link";
import { PageLink } from "./page-link";
import { Fragment, useEffect, useRef, useState } from "react";
import type { TRecommendationQuery } from "../lib/api-client";
import type { TPageRecommendation, TRatingResponse, TRecommendationItem, TRecommendationResponse } from "../lib/api-types";
import { REVEAL_STEP, type TTune } from "../lib/steering";
import { usePageRecommendation } from "../lib/use-page-recommendation";
import { artistsText, langOf } from "../lib/features";
import { resultsHref } from "../lib/result-query";
import { EmbedPlayer, PlayButton } from "./embed-player";
import { ErrorNotice } from "./error-notice";
import { ExportBar } from "./export-bar";
import { FeatureChart } from "./feature-chart";
import { LoadMore } from "./load-more";
import { PickSteerButtons, type TRowSteer } from "./pick-steer-buttons";
import { SteerableResults } from "./steerable-results";
import { TunePanelPlaceholder } from "./tune-panel";
import { PickFeedback } from "./pick-feedback";
import { DEFAULT_KINDS, KindPicker } from "./kind-picker";
import { kindTag, type TSongKind } from "../lib/song-kinds";
import { RatingForm } from "./rating-form";
import { SearchAgain } from "./search-again";
import { SaveToSpotify } from "./save-to-spotify";

/**
 * /results?…: the recommendation the server created with the page (`first`; the browser creates it only when the
 * page came without one), shown with the search-time pick list the permalink cannot show (candidates are not
 * stored); the URL is swapped for its permalink, so reload and share read it and back skips the creating URL.
 * Changing the kinds asks the API for a new list (usePageRecommendation).
 */
export function Results({ query, tune, first }: { query: TRecommendationQuery; tune?: TTune; first?: TPageRecommendation }) {
  const [kinds, setKinds] = useState<TSongKind[]>(DEFAULT_KINDS);
  const result = usePageRecommendation({ query, kinds, tune, first });
  const error = result.error;

  const createdId = result.data?.id;
  useEffect(() => {
    // Next keeps its router in step with history.replaceState; no navigation, so the view stays.
    if (createdId) window.history.replaceState(null, "", `/recommendations/${createdId}`);
  }, [createdId]);

  const initial = { title: query.trackId ?? query.title, artist: query.artist };
  // A failed search keeps the form open so the listener can retry at once.
  return (
    <>
      <KindPicker kinds={kinds} onChange={setKinds} />
      <SearchAgain initial={initial} open={error !== null} />
      {error ? (
        <ErrorNotice error={error} />
      ) : result.data ? (
        <SteerableResults key={result.data.id} data={result.data} />
      ) : (
        <ResultsSkeleton />
      )}
    </>
  );
}

export function ResultsView({
  data,
  rating = null,
  steer,
}: {
  data: TRecommendationResponse;
  rating?: TRatingResponse | null;
  /** "More like this" / "Not like this" per pick, when the list can be steered */
  steer?: TRowSteer;
}) {
  const [selected, setSelected] = useState(0);
  const [compared, setCompared] = useState(false);
  const [shown, setShown] = useState(REVEAL_STEP);
  const [playing, setPlaying] = useState<string | null>(null);
  const items = data.items.slice(0, shown);
  const [narrow, setNarrow] = useState(false);
  useNarrowUpdates(compared, setNarrow);
  const explainRef = useRef<HTMLElement>(null);
  const inlineRef = useRef<HTMLTableRowElement>(null);
  const pick = data.items[selected] ?? data.items[0];
  const track = data.query.track;
  // Every pick comes from the query's own cluster today, so "Sound" would repeat one label down the table.
  const soundDiffers = data.items.some((item) => item.cluster.index !== data.cluster.index);
  const hasAnime = data.items.some((item) => item.animeTitle || item.kind);

  useEffect(() => {
    // "Compare" brings the chart into view; on phones it is drawn under the row (see below).
    if (compared) (narrow ? inlineRef.current : explainRef.current)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [compared, selected, narrow]);

  function compare(i: number) {
    setSelected(i);
    setCompared(true);
    setNarrow(window.matchMedia(NARROW_QUERY).matches); // in the same render, so the chart goes to its place at once
  }

  const seeds = data.options.seeds.map((seed) => ({ name: seed.title, features: seed.features }));
  const chart = pick ? <FeatureChart seeds={seeds} pick={{ name: pick.title, features: pick.features }} /> : null;

  return (
    <div className="results" data-recommendation-id={data.id}>
      <section className="card resolved" aria-labelledby="resolved-title">
        <p className="eyebrow">Your song</p>
        {data.query.matchedBy === "artist-only" ? <UsingNotice data={data} /> : null}
        <h2 id="resolved-title" lang={langOf(track.title)}>
          {track.title}
        </h2>
        <p className="resolved__artists" lang={langOf(track.artists.join(" "))}>
          {artistsText(track.artists)}
          {track.album ? <span className="muted"> · {track.album}</span> : null}
        </p>
        <p className="muted">
          Features from {data.query.sourceLabel}.{" "}
          <a href={track.spotifyUrl} target="_blank" rel="noopener noreferrer">
            Open in Spotify<span className="visually-hidden"> (new tab)</span>
          </a>
        </p>
        <p>
          It sounds most like the <strong>{data.cluster.label}</strong> group of anime songs ({data.cluster.size} songs).{" "}
          <PageLink href={`/insights?${new URLSearchParams({ recommendation: data.id })}`}>See it on the map</PageLink>
        </p>
        {data.query.candidates.length > 0 ? <CandidateList data={data} /> : null}
      </section>

      <section className="card" aria-labelledby="recs-title">
        <h2 id="recs-title">Anime songs that sound like it</h2>
        <SaveToSpotify recommendationId={data.id} />
        <div className="table-scroll">
          <table className="table recs">
            <caption className="visually-hidden">
              {items.length} of {data.items.length} recommendations, most similar first. Choose “Compare” to see a song&rsquo;s features
              beside yours.
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num rank">
                  #
                </th>
                <th scope="col">Title</th>
                <th scope="col" className="hide-narrow">
                  Artists
                </th>
                {hasAnime ? (
                  <th scope="col" className="hide-narrow">
                    Anime
                  </th>
                ) : null}
                {soundDiffers ? (
                  <th scope="col" className="hide-narrow">
                    Sound
                  </th>
                ) : null}
                <th scope="col" className="num">
                  Similarity
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <Fragment key={item.trackId}>
                  <tr className={i === selected ? "is-selected" : undefined} data-testid="recommendation-row">
                    <td className="num rank">{item.rank}</td>
                    <td className="title-cell" lang={langOf(item.title)}>
                      {item.title}
                      <span className="inline-artists">
                        {artistsText(item.artists)}
                        <KindTag kind={item.kind} />
                      </span>
                      {item.animeTitle && !albumNamesAnime(item) ? (
                        <span className="inline-anime" lang={langOf(item.animeTitle)} title={item.animeTitle}>
                          {item.animeTitle}
                        </span>
                      ) : null}
                      {item.album ? (
                        <span className="item-album muted" lang={langOf(item.album)} title={item.album}>
                          {item.album}
                        </span>
                      ) : null}
                    </td>
                    <td lang={langOf(artistsText(item.artists))} className="hide-narrow">
                      {artistsText(item.artists)}
                    </td>
                    {hasAnime ? (
                      <td className="hide-narrow" lang={item.animeTitle ? langOf(item.animeTitle) : undefined}>
                        {item.animeTitle ?? ""}
                        <KindTag kind={item.kind} />
                      </td>
                    ) : null}
                    {soundDiffers ? (
                      <td className="hide-narrow">
                        <span className={`tag c${item.cluster.index % 10}`}>{item.cluster.label}</span>
                      </td>
                    ) : null}
                    <td className="num">{(item.similarity * 100).toFixed(1)}%</td>
                    <td className="actions-cell">
                      <div className="actions">
                        <PlayButton
                          title={item.title}
                          playing={playing === item.trackId}
                          onToggle={() => setPlaying(playing === item.trackId ? null : item.trackId)}
                        />
                        {steer ? <PickSteerButtons item={item} steer={steer} /> : null}
                        <PickFeedback recommendationId={data.id} trackId={item.trackId} title={item.title} initial={item.vote} />
                        <button type="button" className="button button--small" aria-pressed={i === selected} onClick={() => compare(i)}>
                          Compare<span className="visually-hidden"> {item.title}</span>
                        </button>
                        <a className="spotify-link" href={item.spotifyUrl} target="_blank" rel="noopener noreferrer">
                          Spotify<span className="visually-hidden"> (opens {item.title} in a new tab)</span>
                        </a>
                      </div>
                    </td>
                  </tr>
                  {playing === item.trackId ? (
                    <tr className="player-row">
                      <td colSpan={99}>
                        <EmbedPlayer trackId={item.trackId} title={item.title} />
                      </td>
                    </tr>
                  ) : null}
                  {narrow && compared && i === selected ? (
                    <tr className="inline-compare" data-testid="inline-compare" ref={inlineRef}>
                      <td colSpan={99}>{chart}</td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore shown={shown} total={data.items.length} onMore={() => setShown(shown + REVEAL_STEP)} />
        <ExportBar recommendationId={data.id} items={data.items} />
      </section>

      <section className="card card--later" aria-labelledby="explain-title" ref={explainRef}>
        <h2 id="explain-title">Why this song?</h2>
        {pick ? (
          <>
            <p className="muted" aria-live="polite">
              {seeds.length > 1 ? `Your ${seeds.length} seed songs’` : "Your song’s"} nine audio features beside{" "}
              <strong lang={langOf(pick.title)}>
                #{pick.rank} {pick.title}
              </strong>{" "}
              (similarity {(pick.similarity * 100).toFixed(1)}%
              {pick.seedSimilarities.length > 1 ? `; to each seed: ${seedSimilarityText(pick)}` : ""}). Both are in the{" "}
              <strong>{data.cluster.label}</strong> group.
            </p>
            {narrow && compared ? <p className="muted">The comparison is shown under the row you chose.</p> : chart}
          </>
        ) : (
          <p>No anime song in this cluster to compare with.</p>
        )}
      </section>

      <section className="card card--later" aria-labelledby="rate-title">
        <h2 id="rate-title">How good are these picks?</h2>
        <RatingForm recommendationId={data.id} stored={rating} />
      </section>
    </div>
  );
}

/** A pick's kind, named for listeners ("original song"): in the Anime column, or under the title where it is hidden. */
function KindTag({ kind }: { kind: string }) {
  return kind ? <span className="tag kind-tag">{kindTag(kind)}</span> : null;
}

/** The album already names the anime ("DEATH NOTE Original Soundtrack"): under the title it would say it twice. */
function albumNamesAnime(item: TRecommendationItem): boolean {
  return Boolean(item.album && item.animeTitle && item.album.toLowerCase().includes(item.animeTitle.toLowerCase()));
}

function seedSimilarityText(item: TRecommendationItem): string {
  return item.seedSimilarities.map((s) => `${(s * 100).toFixed(0)}%`).join(", ");
}

/** Phones (the CSS breakpoint of .hide-narrow): the compare chart goes inline under its row. */
const NARROW_QUERY = "(max-width: 640px)";

/**
 * While a pick is compared, follows the phone breakpoint (a rotated tablet, a resized window). Not before: a listener
 * set at mount made every phone render the whole list a second time right after hydration, for a value that only
 * matters once "Compare" is chosen.
 */
function useNarrowUpdates(active: boolean, setNarrow: (narrow: boolean) => void): void {
  useEffect(() => {
    if (!active) return;
    const query = window.matchMedia(NARROW_QUERY);
    const update = () => setNarrow(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, [active, setNarrow]);
}

function CandidateList({ data }: { data: TRecommendationResponse }) {
  const { matchedBy, ambiguous, track } = data.query;
  const artistOnly = matchedBy === "artist-only";
  const summary = artistOnly
    ? `Other songs by ${artistsText(track.artists.slice(0, 1))}`
    : ambiguous
      ? "Several songs match — pick the one you meant"
      : "Other versions of this song";
  return (
    <details className="candidates" open={ambiguous || artistOnly} data-testid="pick-list">
      <summary>{summary}</summary>
      <ul className="suggestions">
        {data.query.candidates.slice(0, 6).map((c) => (
          <li key={c.id}>
            <ResultsLink href={resultsHref({ trackId: c.id })} lang={langOf(c.title + c.artists.join(" "))}>
              {c.title} <span className="chip__muted">· {artistsText(c.artists)}</span>
              {c.album ? <span className="chip__muted"> · {c.album}</span> : null}
            </ResultsLink>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** An artist-only search used one of the artist's songs: say which. */
function UsingNotice({ data }: { data: TRecommendationResponse }) {
  const { track } = data.query;
  return (
    <p className="notice" role="status" data-testid="using-notice">
      Using <strong lang={langOf(track.title)}>{track.title}</strong> by {artistsText(track.artists)}
      {data.query.candidates.length > 0 ? " — or pick another of the artist's songs below." : "."}
    </p>
  );
}

function ResultsSkeleton() {
  return (
    <div className="results" aria-busy="true">
      <p role="status" className="visually-hidden">
        Finding anime songs…
      </p>
      <TunePanelPlaceholder />
      <div className="card resolved skeleton-card" aria-hidden="true">
        <span className="skeleton skeleton--title" />
        <span className="skeleton" />
        <span className="skeleton" />
      </div>
      <div className="card skeleton-card skeleton-card--table" aria-hidden="true">
        {Array.from({ length: 10 }, (_, i) => (
          <span key={i} className="skeleton" />
        ))}
      </div>
    </div>
  );
}
