"use client";
// A pick's own steering: "More like this" adds it as a seed, "Not like this" as a song to steer away from.
import type { TRecommendationItem } from "../lib/api-types";

export type TRowSteer = {
  onMoreLike: (item: TRecommendationItem) => void;
  onNotLike: (item: TRecommendationItem) => void;
  canAddSeed: boolean;
  canAddAvoid: boolean;
  seedIds: ReadonlySet<string>;
  avoidIds: ReadonlySet<string>;
};

export function PickSteerButtons({ item, steer }: { item: TRecommendationItem; steer: TRowSteer }) {
  const isSeed = steer.seedIds.has(item.trackId);
  const isAvoided = steer.avoidIds.has(item.trackId);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-pressed={isSeed}
        disabled={isSeed || !steer.canAddSeed}
        onClick={() => steer.onMoreLike(item)}
        data-testid="more-like-this"
      >
        More like this<span className="visually-hidden">: {item.title}</span>
      </button>
      <button
        type="button"
        className="button button--small"
        aria-pressed={isAvoided}
        disabled={isAvoided || !steer.canAddAvoid}
        onClick={() => steer.onNotLike(item)}
        data-testid="not-like-this"
      >
        Not like this<span className="visually-hidden">: {item.title}</span>
      </button>
    </>
  );
}
