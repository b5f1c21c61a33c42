import { ExampleQueries } from "../components/example-queries";
import { SearchForm } from "../components/search-form";
import { SongBrowser } from "../components/song-browser";

export default function HomePage() {
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
      <SongBrowser />
    </>
  );
}
