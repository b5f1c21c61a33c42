// What the feedback signal changes: the songs whose ranking it moves (core-ml's computeFeedbackSignal over every
// vote, via the feedback report), with their votes, raw and smoothed like rates and the adjustment added to their
// cosine similarity in variants with the signal on.
import type { TDecisionInsights } from "../../server/insights/get-decision-insights";
import { percent, signed } from "./format";

export function FeedbackSignalTable({ signal }: { signal: TDecisionInsights["signal"] }) {
  return (
    <section className="card" aria-labelledby="signal-title" data-testid="feedback-signal">
      <h2 id="signal-title">What the feedback signal changed</h2>
      <p>
        The signal is <strong>{signal.enabled ? "on" : "off"}</strong> outside experiments (an experiment variant decides for its visitors).
        Overall like rate {percent(signal.priorRate)}; a song moves after {signal.minVotes} votes, by at most ±{signal.maxAdjustment}{" "}
        similarity, smoothed with {signal.priorStrength} votes at the overall rate.
      </p>
      {signal.songs.length === 0 ? (
        <p className="muted">No song has enough votes to move yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Songs whose similarity the feedback signal changes, largest change first</caption>
            <thead>
              <tr>
                <th scope="col">Song</th>
                <th scope="col" className="num">
                  Likes / votes
                </th>
                <th scope="col" className="num">
                  Like rate
                </th>
                <th scope="col" className="num">
                  Smoothed
                </th>
                <th scope="col" className="num">
                  Similarity change
                </th>
              </tr>
            </thead>
            <tbody>
              {signal.songs.map((s) => (
                <tr key={s.trackId}>
                  <th scope="row">
                    {s.title} <span className="muted">{s.artists.join(", ")}</span>
                  </th>
                  <td className="num">
                    {s.likes} / {s.votes}
                  </td>
                  <td className="num">{percent(s.likeRate)}</td>
                  <td className="num">{percent(s.smoothedRate)}</td>
                  <td className="num">{signed(s.adjustment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
