import { ResultsLink } from "./results-link";
import { resultsHref } from "../lib/result-query";

// Songs in the offline catalog, so the examples work with no network. "Levitating" is searched by title only,
// which also shows the pick-a-version list.
const EXAMPLES = [
  { title: "Levitating", artist: "Dua Lipa", withArtist: false },
  { title: "Harleys In Hawaii", artist: "Katy Perry", withArtist: true },
  { title: "Fast Car", artist: "Tracy Chapman", withArtist: true },
  { title: "bad guy", artist: "Billie Eilish", withArtist: true },
] as const;

export function ExampleQueries() {
  return (
    <div className="examples">
      <h2 className="examples__title">Try one</h2>
      <ul className="examples__list">
        {EXAMPLES.map((e) => (
          <li key={e.title}>
            <ResultsLink className="chip" href={resultsHref(e.withArtist ? { title: e.title, artist: e.artist } : { title: e.title })}>
              {e.title} <span className="chip__muted">· {e.artist}</span>
            </ResultsLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
