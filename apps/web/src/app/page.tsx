import { ExampleQueries } from "../components/example-queries";
import { SearchForm } from "../components/search-form";
import { SongBrowser } from "../components/song-browser";
import { FIRST_SONGS_PAGE } from "../lib/first-songs-page";
import type { TSongsPage } from "../lib/api-types";
import { getServerDb } from "../server/services";
import { findSongs } from "../server/songs/find-songs";

/**
 * The first page of the song list, rendered into the HTML: the table is there at first paint (no skeleton,
 * no request after hydration). Without a database or model the browser asks the API and shows its notice.
 */
async function firstSongsPage(): Promise<TSongsPage | undefined> {
  try {
    return await findSongs(await getServerDb(), { ...FIRST_SONGS_PAGE, cluster: undefined });
  } catch {
    return undefined;
  }
}

export default async function HomePage() {
  const initial = await firstSongsPage();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Find anime songs that sound like a song you love</h1>
        <p className="lead">
          Type a title, an artist, or paste a Spotify link. Anisong finds the song&rsquo;s sound — energy, tempo, mood and six more features
          — and picks the anime songs closest to it.
        </p>
        <SearchForm />
        <ExampleQueries />
      </section>
      <SongBrowser initial={initial} />
    </>
  );
}
