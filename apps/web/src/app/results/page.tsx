import type { Metadata } from "next";
import { Results } from "../../components/results";
import { SearchAgain } from "../../components/search-again";
import { fromSearchParams, tuneFromSearchParams } from "../../lib/result-query";
import { SpotifySaveProvider } from "../../components/save-to-spotify";
import { spotifySaveEnabled } from "../../server/spotify/spotify-save-config";
import { createRecommendationForPage } from "../../server/recommendations/create-for-page";
import { recommendationRequestBody } from "../../lib/recommendation-request";
import { DEFAULT_KINDS } from "../../lib/song-kinds";
import { PAGE_TOP_N } from "../../lib/steering";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Recommendations" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResultsPage({ searchParams }: TProps) {
  const params = await searchParams;
  const query = fromSearchParams(params);
  const tune = tuneFromSearchParams(params);
  // The request the browser would send on arrival, created here so the list comes with the page.
  const first = query
    ? await createRecommendationForPage(recommendationRequestBody({ query, tune, kinds: DEFAULT_KINDS, topN: PAGE_TOP_N }))
    : null;
  return (
    <>
      <h1 className="visually-hidden">Recommendations</h1>
      {query ? (
        <SpotifySaveProvider enabled={spotifySaveEnabled()} status={null}>
          <Results query={query} tune={tune} first={first ?? undefined} />
        </SpotifySaveProvider>
      ) : (
        <>
          <SearchAgain open />
          <div className="notice" role="status">
            <h2 className="notice__title">Search for a song first</h2>
            <p>Type a title, an artist or paste a Spotify link above.</p>
          </div>
        </>
      )}
    </>
  );
}
