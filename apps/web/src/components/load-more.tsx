"use client";
// The page asks for up to 50 picks once and reveals them ten at a time: "Show 10 more" costs no request (and no
// write), and the list shown is always the stored list's first N, so a permalink, a rating and an export agree.
import { REVEAL_STEP } from "../lib/steering";

export function LoadMore({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (total <= REVEAL_STEP) return null;
  const next = Math.min(REVEAL_STEP, total - shown);
  return (
    <div className="load-more">
      <p className="muted" role="status" data-testid="shown-count">
        Showing {Math.min(shown, total)} of {total}
      </p>
      {next > 0 ? (
        <button type="button" className="button button--small" onClick={onMore} data-testid="load-more">
          Show {next} more
        </button>
      ) : null}
    </div>
  );
}
