import type { TAudioFeatures } from "../lib/api-types";
import { featureRows, formatFeature, normaliseFeature, langOf } from "../lib/features";

type TSeries = { name: string; features: TAudioFeatures };

/**
 * Paired bars, one row per feature: the listener's song above the pick. Values are printed beside
 * the bars, so the chart reads without colour and the table semantics serve screen readers.
 */
export function FeatureChart({ query, pick }: { query: TSeries; pick: TSeries }) {
  return (
    <figure className="feature-chart">
      <div className="legend" aria-hidden="true">
        <span className="legend__item">
          <span className="swatch swatch--query" /> <span lang={langOf(query.name)}>{query.name}</span> (your song)
        </span>
        <span className="legend__item">
          <span className="swatch swatch--pick" /> <span lang={langOf(pick.name)}>{pick.name}</span>
        </span>
      </div>
      <table className="feature-chart__table">
        <caption className="visually-hidden">
          Audio features of your song and of {pick.name}. Loudness is shown from −60 to 0 dB and tempo from 40 to 220 BPM; the other
          features run from 0 to 1.
        </caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Your song</th>
            <th scope="col">{pick.name}</th>
          </tr>
        </thead>
        <tbody>
          {featureRows(query.features, pick.features).map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.label}</th>
              <td className="bars">
                <Bar kind="query" value={normaliseFeature(row.name, row.a)} text={formatFeature(row.name, row.a)} />
              </td>
              <td className="bars">
                <Bar kind="pick" value={normaliseFeature(row.name, row.b)} text={formatFeature(row.name, row.b)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Bar({ kind, value, text }: { kind: "query" | "pick"; value: number; text: string }) {
  return (
    <span className="bar">
      <span className="bar__track" aria-hidden="true">
        <span className={`bar__fill bar__fill--${kind}`} style={{ width: `${Math.max(1, value * 100).toFixed(1)}%` }} />
      </span>
      <span className="bar__value">{text}</span>
    </span>
  );
}
