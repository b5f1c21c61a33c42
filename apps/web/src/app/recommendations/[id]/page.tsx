import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SteerableResults } from "../../../components/steerable-results";
import { SearchAgain } from "../../../components/search-again";
import { findRecommendationView } from "../../../server/recommendations/find-recommendation";
import { ZRecommendationId } from "../../../server/schemas";
import { getServerDb } from "../../../server/services";
import { SpotifySaveProvider } from "../../../components/save-to-spotify";
import { parseSpotifySaveStatus } from "../../../lib/spotify-save-status";
import { spotifySaveEnabled } from "../../../server/spotify/spotify-save-config";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recommendations" };

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The permalink of one stored recommendation: reload, share and back read it; nothing is created here. */
export default async function RecommendationPage({ params, searchParams }: TProps) {
  const id = ZRecommendationId.safeParse((await params).id);
  if (!id.success) notFound();
  const data = await findRecommendationView(await getServerDb(), id.data);
  if (!data) notFound();
  const asked = data.query.asked;
  return (
    <>
      <h1 className="visually-hidden">Recommendations</h1>
      <SearchAgain initial={{ title: asked?.trackId ?? asked?.title ?? undefined, artist: asked?.artist ?? undefined }} />
      <SpotifySaveProvider enabled={spotifySaveEnabled()} status={parseSpotifySaveStatus(await searchParams)}>
        <SteerableResults data={data} rating={data.rating} />
      </SpotifySaveProvider>
    </>
  );
}
