// Mean rating per group as horizontal bars on a 1–5 scale, each with its 95 % interval as a whisker and its n.
// Labels are HTML (they wrap and stay readable on a phone); each bar is a tiny SVG stretched to its row.
// Server-rendered; the same figures are in a table under "Show as table".
import type { TRatingBar } from "../../server/insights/get-decision-insights";
import { stars } from "./format";
import { RatingSummaryTable } from "./rating-summary-table";

const MIN = 1;
const MAX = 5;
const x = (v: number) => ((Math.min(MAX, Math.max(MIN, v)) - MIN) / (MAX - MIN)) * 100;

export function RatingBars({ id, title, bars, empty }: { id: string; title: string; bars: TRatingBar[]; empty: string }) {
  const titleId = `${id}-title`;
  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={`chart-${id}`}>
      <figcaption id={titleId} className="chart__title">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <div
            className="rating-bars"
            role="img"
            aria-label={`${title}: ${bars.map((b) => `${b.label} ${stars(b.mean)} stars, n = ${b.n}`).join("; ")}`}
          >
            {bars.map((b) => (
              <div key={b.key} className="rating-bars__row">
                <span className="rating-bars__label">{b.label}</span>
                <svg className="rating-bars__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                  <rect x="0" y="1" width="100" height="8" className="rating-bars__track" />
                  <rect x="0" y="1" width={x(b.mean)} height="8" className="rating-bars__fill" />
                  {b.interval ? (
                    <g className="rating-bars__ci">
                      <line x1={x(b.interval.low)} x2={x(b.interval.high)} y1="5" y2="5" vectorEffect="non-scaling-stroke" />
                      <line x1={x(b.interval.low)} x2={x(b.interval.low)} y1="2.5" y2="7.5" vectorEffect="non-scaling-stroke" />
                      <line x1={x(b.interval.high)} x2={x(b.interval.high)} y1="2.5" y2="7.5" vectorEffect="non-scaling-stroke" />
                    </g>
                  ) : null}
                </svg>
                <span className="rating-bars__value">
                  {stars(b.mean)} <span className="muted">n = {b.n}</span>
                </span>
              </div>
            ))}
          </div>
          <p className="rating-bars__row rating-bars__axis muted" aria-hidden="true">
            <span />
            <span className="rating-bars__scale">
              <span>1★</span>
              <span>5★</span>
            </span>
            <span />
          </p>
          <p className="chart__note muted">Bar: mean rating; whisker: its 95 % interval.</p>
          <RatingSummaryTable caption={title} rowHeader="Group" rows={bars} />
        </>
      )}
    </figure>
  );
}
