import type { TAudioFeatures } from "../lib/api-types";
import { FEATURE_LABELS, FEATURE_ORDER, formatFeature, normaliseFeature, langOf } from "../lib/features";

type TSeries = { name: string; features: TAudioFeatures };

/**
 * Grouped bars, one row per feature: each of the listener's seed songs (their first song is "your song"), then the
 * pick. Values are printed beside the bars, so the chart reads without colour and the table semantics serve screen
 * readers.
 */
export function FeatureChart({ seeds, pick }: { seeds: readonly TSeries[]; pick: TSeries }) {
  const seedLabel = (i: number) => (i === 0 ? "your song" : `seed ${i + 1}`);
  return (
    <figure className="feature-chart" data-seeds={seeds.length}>
      <div className="legend" aria-hidden="true">
        {seeds.map((seed, i) => (
          <span className="legend__item" key={i}>
            <span className={`swatch swatch--seed${i}`} /> <span lang={langOf(seed.name)}>{seed.name}</span> ({seedLabel(i)})
          </span>
        ))}
        <span className="legend__item">
          <span className="swatch swatch--pick" /> <span lang={langOf(pick.name)}>{pick.name}</span>
        </span>
      </div>
      <table className={`feature-chart__table feature-chart__table--n${seeds.length + 1}`}>
        <caption className="visually-hidden">
          Audio features of {seeds.length > 1 ? `your ${seeds.length} seed songs` : "your song"} and of {pick.name}. Loudness is shown from
          −60 to 0 dB and tempo from 40 to 220 BPM; the other features run from 0 to 1.
        </caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Feature</th>
            {seeds.map((seed, i) => (
              <th scope="col" key={i}>
                {i === 0 ? "Your song" : `Seed ${i + 1}: ${seed.name}`}
              </th>
            ))}
            <th scope="col">{pick.name}</th>
          </tr>
        </thead>
        <tbody>
          {FEATURE_ORDER.map((name) => (
            <tr key={name}>
              <th scope="row">{FEATURE_LABELS[name]}</th>
              {seeds.map((seed, i) => (
                <td className="bars" key={i}>
                  <Bar
                    kind={`seed${i}`}
                    value={normaliseFeature(name, seed.features[name])}
                    text={formatFeature(name, seed.features[name])}
                  />
                </td>
              ))}
              <td className="bars">
                <Bar kind="pick" value={normaliseFeature(name, pick.features[name])} text={formatFeature(name, pick.features[name])} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Bar({ kind, value, text }: { kind: string; value: number; text: string }) {
  return (
    <span className="bar">
      <span className="bar__track" aria-hidden="true">
        <span className={`bar__fill bar__fill--${kind}`} style={{ width: `${Math.max(1, value * 100).toFixed(1)}%` }} />
      </span>
      <span className="bar__value">{text}</span>
    </span>
  );
}
