// One experiment's variants side by side: model, recommendations, ratings, mean [95 % CI], like rate [Wilson
// 95 %], and against the first variant (the control) Welch's t-test on the stars and a two-proportion test on the
// like rate, with the verdict in plain words.
import { formatP, verdict, type TTestOutcome } from "../../server/insights/compare-variants";
import type { TExperimentComparison } from "../../server/insights/get-decision-insights";
import { interval, percent, signed, stars } from "./format";

function Test({ outcome, what }: { outcome: TTestOutcome | undefined; what: string }) {
  if (outcome === undefined) return <span className="muted">control</span>;
  return (
    <span title={verdict(outcome, what)}>
      {outcome ? `p = ${formatP(outcome.pValue)}` : "—"}
      <br />
      <strong className={outcome?.significant ? "verdict verdict--yes" : "verdict"}>
        {outcome ? (outcome.significant ? "Yes, significant" : "No, could be chance") : "Too little data"}
      </strong>
    </span>
  );
}

export function ExperimentTable({ experiment }: { experiment: TExperimentComparison }) {
  const [control] = experiment.variants;
  const titleId = `experiment-${experiment.id}`;
  return (
    <section className="experiment" aria-labelledby={titleId} data-testid="experiment">
      <h3 id={titleId}>
        {experiment.name} <span className={experiment.status === "running" ? "tag tag--active" : "tag"}>{experiment.status}</span>{" "}
        <span className="muted experiment__dates">
          since {experiment.startedAt.slice(0, 10)}
          {experiment.stoppedAt ? `, stopped ${experiment.stoppedAt.slice(0, 10)}` : ""}
        </span>
      </h3>
      <div className="table-scroll">
        <table className="table experiment__table">
          <caption className="visually-hidden">
            Variants of {experiment.name}, each compared with variant {control?.name} at the 5 % significance level
          </caption>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Recs
              </th>
              <th scope="col" className="num">
                Ratings
              </th>
              <th scope="col" className="num">
                Mean [95 % CI]
              </th>
              <th scope="col" className="num">
                Like rate [95 % CI]
              </th>
              <th scope="col">Mean vs {control?.name} (Welch)</th>
              <th scope="col">Like rate vs {control?.name}</th>
            </tr>
          </thead>
          <tbody>
            {experiment.variants.map((v) => (
              <tr key={v.name}>
                <th scope="row">
                  {v.name}
                  {v.feedbackSignal ? <span className="tag">signal on</span> : null}
                </th>
                <td>
                  <code title={v.modelId}>{v.modelId.slice(0, 10)}</code>
                </td>
                <td className="num">{v.recommendations}</td>
                <td className="num">{v.ratings}</td>
                <td className="num">
                  {stars(v.mean)}
                  <br />
                  <span className="muted">[{interval(v.meanInterval)}]</span>
                </td>
                <td className="num">
                  {percent(v.likeRate)} <span className="muted">of {v.votes}</span>
                  <br />
                  <span className="muted">
                    [{v.likeRateInterval ? `${percent(v.likeRateInterval.low)}–${percent(v.likeRateInterval.high)}` : "no votes"}]
                  </span>
                </td>
                <td>
                  {v.versusControl?.meanDifference != null ? <span>{signed(v.versusControl.meanDifference, 2)} ★ </span> : null}
                  <Test outcome={v.versusControl?.stars} what="mean rating" />
                </td>
                <td>
                  <Test outcome={v.versusControl?.likeRate} what="like rate" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="experiment__verdicts">
        {experiment.variants.slice(1).map((v) => (
          <li key={v.name}>
            <strong>{v.name}</strong> against <strong>{control?.name}</strong>: {verdict(v.versusControl?.stars ?? null, "mean rating")}{" "}
            {verdict(v.versusControl?.likeRate ?? null, "like rate")}
          </li>
        ))}
      </ul>
    </section>
  );
}
