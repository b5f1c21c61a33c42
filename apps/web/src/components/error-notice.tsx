import { ResultsLink } from "./results-link";
import { ApiClientError } from "../lib/api-client";
import { artistsText, langOf } from "../lib/features";
import { resultsHref } from "../lib/result-query";

const TITLES: Record<string, string> = {
  song_not_found: "We could not find that song",
  providers_unavailable: "Every audio-feature source is down",
  database_unavailable: "The database is unavailable",
  model_unavailable: "No recommendation model yet",
  rate_limited: "Slow down a little",
  bad_request: "That search does not look right",
  not_found: "Not found",
  network: "You seem to be offline",
};

const LISTENER_NOT_FOUND_HINT =
  "Check the spelling, try just the title or just the artist, or paste the song’s Spotify link. Anisong knows the songs in its own anime library and catalog.";

/** One place that turns an API failure into a readable message — never a blank page or a stack trace. */
export function ErrorNotice({ error }: { error: unknown }) {
  const apiError = error instanceof ApiClientError ? error : null;
  const code = apiError?.code ?? "internal";
  const suggestions = apiError?.body?.error.details?.suggestions ?? [];
  // The API's hint speaks to operators (which keys to set); the page speaks to listeners.
  const hint = code === "song_not_found" ? LISTENER_NOT_FOUND_HINT : null;
  return (
    <div className="notice notice--error" role="alert" data-error-code={code}>
      <h2 className="notice__title">{TITLES[code] ?? "Something went wrong"}</h2>
      <p>{apiError?.message ?? "Something went wrong on our side. Please try again."}</p>
      {hint ? <p className="hint">{hint}</p> : null}
      {suggestions.length > 0 ? (
        <>
          <p>Did you mean one of these?</p>
          <ul className="suggestions">
            {suggestions.map((s) => (
              <li key={s.id}>
                <ResultsLink href={resultsHref({ trackId: s.id })} lang={langOf(s.title + s.artists.join(" "))}>
                  {s.title} <span className="chip__muted">· {artistsText(s.artists)}</span>
                </ResultsLink>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {code === "model_unavailable" ? (
        <p className="hint">
          Run <code>pnpm run pipeline all</code> to train and publish the model, then reload this page.
        </p>
      ) : null}
    </div>
  );
}
