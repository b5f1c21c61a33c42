// The deciding half of the Insights page, rendered on the server from the database: no client JavaScript,
// no chart library (see the web README). Figures: getDecisionInsights.
import type { TDecisionInsights } from "../../server/insights/get-decision-insights";
import { DailyRatingsChart } from "./daily-ratings-chart";
import { ExperimentTable } from "./experiment-table";
import { FeedbackSignalTable } from "./feedback-signal-table";
import { RatingBars } from "./rating-bars";
import { SongVotes } from "./song-votes";

export function DecisionInsights({ data }: { data: TDecisionInsights }) {
  return (
    <div className="decisions">
      <section className="card" aria-labelledby="experiments-title" data-testid="experiments">
        <h2 id="experiments-title">Experiments</h2>
        {data.experiments.length === 0 ? (
          <p className="muted">
            No experiment yet. Start one with <code>pnpm run pipeline experiment start</code> (see the pipeline README).
          </p>
        ) : (
          data.experiments.map((e) => <ExperimentTable key={e.id} experiment={e} />)
        )}
        <p className="hint">
          Mean ratings are compared with Welch&rsquo;s t-test, like rates with a two-proportion z-test; intervals are 95 % (t for means,
          Wilson for rates). &ldquo;Significant&rdquo; means p &lt; 0.05 against the first variant.
        </p>
      </section>

      <section className="card" aria-labelledby="over-time-title">
        <h2 id="over-time-title">Ratings over time</h2>
        <DailyRatingsChart days={data.daily} />
      </section>

      <section className="card" aria-labelledby="breakdowns-title">
        <h2 id="breakdowns-title">Where ratings are high and low</h2>
        <div className="grid-2">
          {data.breakdowns.map((b) => (
            <RatingBars key={b.id} id={`by-${b.id}`} title={b.title} bars={b.bars} empty="No ratings yet." />
          ))}
        </div>
      </section>

      <div className="grid-2">
        <SongVotes id="most-liked" title="Most liked songs" songs={data.mostLiked} minVotes={data.minVotes} />
        <SongVotes id="most-rejected" title="Most rejected songs" songs={data.mostRejected} minVotes={data.minVotes} />
      </div>

      <FeedbackSignalTable signal={data.signal} />
    </div>
  );
}
