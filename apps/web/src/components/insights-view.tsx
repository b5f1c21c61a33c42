"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchInsights } from "../lib/api-client";
import type { TInsights, TRatingStats } from "../lib/api-types";
import { ClusterMap } from "./cluster-map";
import { ErrorNotice } from "./error-notice";

export function InsightsView({ recommendationId }: { recommendationId?: string }) {
  const insights = useQuery({
    queryKey: ["insights", recommendationId ?? null],
    queryFn: () => fetchInsights(recommendationId),
    staleTime: 0,
  });
  if (insights.isError) return <ErrorNotice error={insights.error} />;
  const data = insights.data;
  return (
    <div className="insights" aria-busy={insights.isPending}>
      <section className="stats" aria-label="Ratings overall">
        <Stat label="Ratings" value={data ? String(data.ratings.count) : null} testId="ratings-count" />
        <Stat label="Average rating" value={data ? formatAverage(data.ratings) : null} testId="ratings-average" />
        <Stat label="Recommendations served" value={data ? String(data.recommendations) : null} />
      </section>

      <section className="card" aria-labelledby="map-title">
        <h2 id="map-title">Map of the library&rsquo;s clusters</h2>
        {data ? <ClusterMap map={data.map} /> : <div className="map-placeholder skeleton-card" aria-hidden="true" />}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="by-cluster-title">
          <h2 id="by-cluster-title">By cluster (active model)</h2>
          {data ? <ClusterTable data={data} /> : <div className="skeleton-card skeleton-card--table" aria-hidden="true" />}
        </section>
        <section className="card" aria-labelledby="by-model-title">
          <h2 id="by-model-title">By model version</h2>
          {data ? <ModelTable data={data} /> : <div className="skeleton-card skeleton-card--small" aria-hidden="true" />}
        </section>
      </div>

      <section className="card" aria-labelledby="comments-title">
        <h2 id="comments-title">Recent comments</h2>
        {data ? <CommentList data={data} /> : <div className="skeleton-card skeleton-card--small" aria-hidden="true" />}
      </section>
    </div>
  );
}

function CommentList({ data }: { data: TInsights }) {
  if (data.comments.length === 0) return <p className="muted">No comments yet.</p>;
  // React escapes the text: a comment is shown as typed, never run as markup.
  return (
    <ol className="comments" data-testid="comments">
      {data.comments.map((c) => (
        <li key={`${c.recommendationId}`} className="comment">
          <p className="comment__meta">
            <span aria-label={`${c.stars} of 5 stars`}>{"★".repeat(c.stars) + "☆".repeat(5 - c.stars)}</span>{" "}
            <a href={`/recommendations/${c.recommendationId}`}>{c.query}</a>{" "}
            <time className="muted" dateTime={c.createdAt}>
              {c.createdAt.slice(0, 10)}
            </time>
          </p>
          <p className="comment__text">{c.comment}</p>
        </li>
      ))}
    </ol>
  );
}

function Stat({ label, value, testId }: { label: string; value: string | null; testId?: string }) {
  return (
    <div className="stat card">
      <p className="stat__label">{label}</p>
      <p className="stat__value" data-testid={testId}>
        {value ?? <span className="skeleton skeleton--inline" aria-hidden="true" />}
      </p>
    </div>
  );
}

function formatAverage(stats: TRatingStats): string {
  return stats.average === null ? "—" : `${stats.average.toFixed(2)} ★`;
}

function ClusterTable({ data }: { data: TInsights }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Cluster</th>
            <th scope="col" className="num">
              Songs
            </th>
            <th scope="col" className="num">
              Ratings
            </th>
            <th scope="col" className="num">
              Average
            </th>
          </tr>
        </thead>
        <tbody>
          {data.byCluster.map((c) => (
            <tr key={c.index}>
              <th scope="row">
                <span className={`tag c${c.index % 10}`}>
                  {c.index} · {c.label}
                </span>
              </th>
              <td className="num">{c.size}</td>
              <td className="num">{c.count}</td>
              <td className="num">{formatAverage(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModelTable({ data }: { data: TInsights }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Model version</th>
            <th scope="col" className="num">
              Ratings
            </th>
            <th scope="col" className="num">
              Average
            </th>
          </tr>
        </thead>
        <tbody>
          {data.byModel.map((m) => (
            <tr key={m.modelVersion}>
              <th scope="row">
                <code title={m.modelVersion}>{m.modelVersion.slice(0, 12)}</code>
                {m.active ? <span className="tag tag--active">active</span> : null}
              </th>
              <td className="num">{m.count}</td>
              <td className="num">{formatAverage(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
