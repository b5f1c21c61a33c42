// Ratings over time: one column per UTC day with ratings (how many, left axis) and the day's mean rating as a
// line (right axis, 1–5). Server-rendered SVG with a title and description, and the figures as a table.
import type { TRatingBar } from "../../server/insights/get-decision-insights";
import { stars } from "./format";
import { RatingSummaryTable } from "./rating-summary-table";

const W = 640;
const H = 240;
const LEFT = 40;
const RIGHT = 40;
const TOP = 16;
const BOTTOM = 36;

export function DailyRatingsChart({ days }: { days: TRatingBar[] }) {
  const titleId = "daily-title";
  const descId = "daily-desc";
  if (days.length === 0)
    return (
      <figure className="chart" aria-labelledby={titleId} data-testid="chart-daily">
        <figcaption id={titleId} className="chart__title">
          Ratings per day
        </figcaption>
        <p className="muted">No ratings yet.</p>
      </figure>
    );
  const maxCount = Math.max(...days.map((d) => d.n));
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const slot = plotW / days.length;
  const barW = Math.max(2, Math.min(40, slot * 0.6));
  const cx = (i: number) => LEFT + slot * (i + 0.5);
  const yCount = (n: number) => TOP + plotH - (n / maxCount) * plotH;
  const yMean = (m: number) => TOP + plotH - ((m - 1) / 4) * plotH;
  const labelEvery = Math.ceil(days.length / 8);
  const total = days.reduce((s, d) => s + d.n, 0);
  const description =
    `${total} ratings over ${days.length} day${days.length === 1 ? "" : "s"} from ${days[0]!.key} to ${days.at(-1)!.key}; ` +
    `busiest day ${maxCount} ratings; daily mean between ${stars(Math.min(...days.map((d) => d.mean)))} and ${stars(Math.max(...days.map((d) => d.mean)))} stars.`;

  return (
    <figure className="chart" aria-labelledby={titleId} data-testid="chart-daily">
      <figcaption id={titleId} className="chart__title">
        Ratings per day
      </figcaption>
      <div className="chart__scroll">
        <svg viewBox={`0 0 ${W} ${H}`} className="daily-chart" role="img" aria-labelledby={`${titleId} ${descId}`}>
          <desc id={descId}>{description}</desc>
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={LEFT} x2={W - RIGHT} y1={TOP + plotH * (1 - f)} y2={TOP + plotH * (1 - f)} className="daily-chart__grid" />
              <text x={LEFT - 6} y={TOP + plotH * (1 - f) + 4} textAnchor="end" className="daily-chart__axis">
                {Math.round(maxCount * f)}
              </text>
              <text x={W - RIGHT + 6} y={TOP + plotH * (1 - f) + 4} className="daily-chart__axis daily-chart__axis--mean">
                {1 + 4 * f}★
              </text>
            </g>
          ))}
          {days.map((d, i) => (
            <rect
              key={d.key}
              x={cx(i) - barW / 2}
              y={yCount(d.n)}
              width={barW}
              height={TOP + plotH - yCount(d.n)}
              className="daily-chart__bar"
            >
              <title>{`${d.key}: ${d.n} ratings, mean ${stars(d.mean)}`}</title>
            </rect>
          ))}
          <polyline points={days.map((d, i) => `${cx(i)},${yMean(d.mean)}`).join(" ")} className="daily-chart__line" />
          {days.map((d, i) => (
            <circle key={d.key} cx={cx(i)} cy={yMean(d.mean)} r={3.5} className="daily-chart__dot" />
          ))}
          {days.map((d, i) =>
            i % labelEvery === 0 ? (
              <text key={d.key} x={cx(i)} y={H - BOTTOM + 18} textAnchor="middle" className="daily-chart__axis">
                {d.key.slice(5)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <p className="legend chart__legend">
        <span>
          <span className="swatch daily-chart__swatch-bar" aria-hidden="true" /> ratings (left axis)
        </span>
        <span>
          <span className="swatch daily-chart__swatch-line" aria-hidden="true" /> mean rating (right axis)
        </span>
      </p>
      <RatingSummaryTable caption="Ratings per day" rowHeader="Day (UTC)" rows={days} />
    </figure>
  );
}
