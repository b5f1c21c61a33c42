import { useEffect, useMemo, useRef, useState } from "react";
import { ApiClientError, postRecommendation, type TRecommendationQuery } from "./api-client";
import type { TPageRecommendation, TRecommendationResponse } from "./api-types";
import { DEFAULT_KINDS, type TSongKind } from "./song-kinds";
import { PAGE_TOP_N, type TTune } from "./steering";

type TAnswer = { data: TRecommendationResponse; error?: undefined } | { data?: undefined; error: Error };

/**
 * /results' list for the kinds the listener ticked: the server's (`first`, created with the page, for the default
 * kinds) or one POST per other choice. Each POST stores a recommendation, so every answer is kept for the page's life
 * and never asked for again (ticking a kind off and on shows the list it had). Up to 50 picks, revealed ten at a time:
 * "show more" costs no second write.
 */
export function usePageRecommendation(options: {
  query: TRecommendationQuery;
  kinds: TSongKind[];
  tune?: TTune;
  first?: TPageRecommendation;
}): { data?: TRecommendationResponse; error: Error | null } {
  const { query, kinds, tune, first } = options;
  const key = JSON.stringify([query, kinds, tune ?? null]);
  const firstKey = JSON.stringify([query, DEFAULT_KINDS, tune ?? null]);
  const [answers, setAnswers] = useState<ReadonlyMap<string, TAnswer>>(new Map());
  const asked = useRef(new Set<string>());
  const fromServer = useMemo(() => (first ? answerOf(first) : undefined), [first]);
  const answer = answers.get(key) ?? (key === firstKey ? fromServer : undefined);

  useEffect(() => {
    if (answer || asked.current.has(key)) return;
    asked.current.add(key);
    const keep = (result: TAnswer) => setAnswers((current) => new Map(current).set(key, result));
    postRecommendation({ query, kinds, tune, topN: PAGE_TOP_N }).then(
      (data) => keep({ data }),
      (error: unknown) => keep({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
    // `key` names the query, kinds and tune: the objects themselves may be new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, answer]);

  return { data: answer?.data, error: answer?.error ?? null };
}

/** The server's attempt: its list, or its error as the API would have answered it (the write is not repeated). */
function answerOf(first: TPageRecommendation): TAnswer {
  return "data" in first ? { data: first.data } : { error: new ApiClientError(first.error.status, first.error.body) };
}
