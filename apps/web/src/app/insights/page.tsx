import type { Metadata } from "next";
import { DecisionInsights } from "../../components/insights/decision-insights";
import { InsightsView } from "../../components/insights-view";
import { Providers } from "../providers";
import { toApiError } from "../../server/http/handle-route";
import { getDecisionInsights, type TDecisionInsights } from "../../server/insights/get-decision-insights";
import { getServerDb } from "../../server/services";

export const metadata: Metadata = { title: "Insights" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The deciding figures, or the reason they are missing (a notice, never a blank page). */
async function loadDecisions(): Promise<{ data: TDecisionInsights } | { error: string }> {
  try {
    return { data: await getDecisionInsights(await getServerDb()) };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === "internal") console.error("[anisong/web] insights:", error);
    return { error: apiError.code === "internal" ? "Something went wrong on our side. Please try again." : apiError.message };
  }
}

export default async function InsightsPage({ searchParams }: TProps) {
  const raw = (await searchParams).recommendation;
  const recommendationId = typeof raw === "string" && raw.trim() ? raw.trim().slice(0, 100) : undefined;
  const decisions = await loadDecisions();
  return (
    <>
      <h1>Insights</h1>
      <p className="lead">How listeners rate the recommendations, which variant wins, and how the anime library is grouped by sound.</p>
      <Providers>
        <InsightsView recommendationId={recommendationId} />
      </Providers>
      {"data" in decisions ? (
        <DecisionInsights data={decisions.data} />
      ) : (
        <div className="notice notice--error" role="alert" data-error-code="insights_unavailable">
          <h2 className="notice__title">The deciding figures are unavailable</h2>
          <p>{decisions.error}</p>
        </div>
      )}
      <section className="card" aria-labelledby="exports-title">
        <h2 id="exports-title">Exports</h2>
        <ul>
          <li>
            <a href="/api/insights/ratings.csv" download>
              Download all ratings (CSV)
            </a>
          </li>
          <li>
            <a href="/api/insights/feedback.csv" download>
              Download all pick feedback (CSV)
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
