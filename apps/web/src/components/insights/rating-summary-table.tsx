// The table behind a ratings chart ("Show as table"): per row its ratings, mean and 95 % interval.
import type { TRatingBar } from "../../server/insights/get-decision-insights";
import { interval, stars } from "./format";

export function RatingSummaryTable({ caption, rowHeader, rows }: { caption: string; rowHeader: string; rows: TRatingBar[] }) {
  return (
    <details className="chart__table">
      <summary>Show as table</summary>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            <th scope="col" className="num">
              Ratings
            </th>
            <th scope="col" className="num">
              Mean
            </th>
            <th scope="col" className="num">
              95 % interval
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.n}</td>
              <td className="num">{stars(row.mean)}</td>
              <td className="num">{interval(row.interval)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
