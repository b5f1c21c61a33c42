import type { Metadata } from "next";
import { Results } from "../../components/results";
import { SearchAgain } from "../../components/search-again";
import { fromSearchParams, tuneFromSearchParams } from "../../lib/result-query";
import { Providers } from "../providers";
import { SpotifySaveProvider } from "../../components/save-to-spotify";
import { spotifySaveEnabled } from "../../server/spotify/spotify-save-config";

export const metadata: Metadata = { title: "Recommendations" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResultsPage({ searchParams }: TProps) {
  const params = await searchParams;
  const query = fromSearchParams(params);
  return (
    <>
      <h1 className="visually-hidden">Recommendations</h1>
      {query ? (
        <Providers>
          <SpotifySaveProvider enabled={spotifySaveEnabled()} status={null}>
            <Results query={query} tune={tuneFromSearchParams(params)} />
          </SpotifySaveProvider>
        </Providers>
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
