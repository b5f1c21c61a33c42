import type { Metadata } from "next";
import { InsightsView } from "../../components/insights-view";
import { Providers } from "../providers";

export const metadata: Metadata = { title: "Insights" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InsightsPage({ searchParams }: TProps) {
  const raw = (await searchParams).recommendation;
  const recommendationId = typeof raw === "string" && raw.trim() ? raw.trim().slice(0, 100) : undefined;
  return (
    <>
      <h1>Insights</h1>
      <p className="lead">How listeners rate the recommendations, and how the anime library is grouped by sound.</p>
      <Providers>
        <InsightsView recommendationId={recommendationId} />
      </Providers>
    </>
  );
}
