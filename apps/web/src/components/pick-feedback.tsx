"use client";

import { useState } from "react";
import { ApiClientError, clearPickFeedback, putPickFeedback } from "../lib/api-client";
import type { TPickVote } from "../lib/api-types";

const LABELS: Record<TPickVote, string> = { like: "Like", dislike: "Not for me" };

/**
 * "Like" / "Not for me" on one pick: two toggle buttons (aria-pressed), so Tab and Space/Enter work as for any
 * button. Pressing the other one changes the vote; pressing the pressed one takes it back. The change shows at
 * once and is undone, with a short message, if the server refuses it.
 */
export function PickFeedback({
  recommendationId,
  trackId,
  title,
  initial = null,
}: {
  recommendationId: string;
  trackId: string;
  title: string;
  initial?: TPickVote | null;
}) {
  const [vote, setVote] = useState<TPickVote | null>(initial);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function press(choice: TPickVote) {
    const previous = vote;
    const next = vote === choice ? null : choice;
    setVote(next);
    setProblem(null);
    setPending(true);
    try {
      const saved = next
        ? await putPickFeedback({ recommendationId, trackId, vote: next })
        : await clearPickFeedback({ recommendationId, trackId });
      setVote(saved.vote);
    } catch (error) {
      setVote(previous);
      setProblem(error instanceof ApiClientError ? error.message : "Your choice could not be saved; please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <span className="pick-feedback" role="group" aria-label={`Your verdict on ${title}`} data-testid="pick-feedback" aria-busy={pending}>
      {(["like", "dislike"] as const).map((choice) => (
        <button
          key={choice}
          type="button"
          className={`button button--small pick-feedback__${choice}`}
          aria-pressed={vote === choice}
          onClick={() => void press(choice)}
        >
          {LABELS[choice]}
          <span className="visually-hidden"> {title}</span>
        </button>
      ))}
      {problem ? (
        <span className="pick-feedback__problem" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
