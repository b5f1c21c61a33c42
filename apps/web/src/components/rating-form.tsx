"use client";

import { useId, useState, type FormEvent } from "react";
import { ApiClientError, postRating } from "../lib/api-client";
import type { TRatingResponse } from "../lib/api-types";
import { INPUT_LIMITS } from "../lib/input-limits";
import { useAction } from "../lib/use-action";

const STAR_WORDS = ["", "poor", "fair", "good", "very good", "excellent"];

/**
 * 1–5 stars as a native radio group (arrow keys move between stars), with an optional comment. One rating per
 * recommendation: a stored one is shown instead of the form, and the API refuses a second (409).
 */
export function RatingForm({ recommendationId, stored = null }: { recommendationId: string; stored?: TRatingResponse | null }) {
  const id = useId();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState("");
  const [hint, setHint] = useState<string | null>(null);
  const mutation = useAction<void, TRatingResponse>(() => postRating({ recommendationId, stars, comment }));

  const alreadyRated = mutation.error instanceof ApiClientError && mutation.error.status === 409;
  if (stored && !mutation.isSuccess) {
    return (
      <div className="notice notice--success" role="status" data-testid="rating-stored">
        <p>
          You rated these picks {stored.stars} {stored.stars === 1 ? "star" : "stars"} ({STAR_WORDS[stored.stars]}). Thank you!
        </p>
        {stored.comment ? <p className="muted">“{stored.comment}”</p> : null}
      </div>
    );
  }
  if (mutation.isSuccess || alreadyRated) {
    const n = mutation.data?.stars ?? stars;
    return (
      <p className="notice notice--success" role="status" data-testid="rating-ack">
        {mutation.isSuccess
          ? `Thank you! Your rating of ${n} ${n === 1 ? "star" : "stars"} was recorded.`
          : "This recommendation was already rated. Thank you!"}
      </p>
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (stars < 1) {
      setHint("Choose from 1 to 5 stars first.");
      return;
    }
    setHint(null);
    mutation.run();
  }

  return (
    <form className="rating" onSubmit={onSubmit} noValidate>
      <fieldset className="stars">
        <legend>Rate these recommendations</legend>
        <div className="stars__options">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={`star ${n <= stars ? "is-on" : ""}`}>
              <input
                type="radio"
                name={`${id}-stars`}
                value={n}
                checked={stars === n}
                onChange={() => setStars(n)}
                className="visually-hidden"
              />
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">
                {n} {n === 1 ? "star" : "stars"} ({STAR_WORDS[n]})
              </span>
            </label>
          ))}
          <span className="stars__word" aria-hidden="true">
            {stars ? STAR_WORDS[stars] : ""}
          </span>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-comment`}>Comment (optional)</label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={INPUT_LIMITS.comment}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="rating__actions">
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Sending…" : "Send rating"}
        </button>
        <p className="form-error" role="alert">
          {hint ?? mutation.error?.message}
        </p>
      </div>
    </form>
  );
}
