"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { INPUT_LIMITS } from "../lib/input-limits";
import { toResultsHref } from "../lib/result-query";

export function SearchForm({ initial }: { initial?: { title?: string; artist?: string } }) {
  const router = useRouter();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [artist, setArtist] = useState(initial?.artist ?? "");
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const href = toResultsHref({ title, artist });
    if (!href) {
      setError("Type a song title, an artist, or paste a Spotify link.");
      return;
    }
    setError(null);
    router.push(href);
  }

  return (
    <form className="search" role="search" onSubmit={onSubmit} noValidate aria-describedby={`${id}-help`}>
      <div className="search__fields">
        <div className="field">
          <label htmlFor={`${id}-title`}>Song title or Spotify link</label>
          <input
            id={`${id}-title`}
            name="title"
            type="text"
            autoComplete="off"
            maxLength={INPUT_LIMITS.title}
            placeholder="e.g. Levitating"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-errormessage={error ? `${id}-error` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-artist`}>Artist</label>
          <input
            id={`${id}-artist`}
            name="artist"
            type="text"
            autoComplete="off"
            maxLength={INPUT_LIMITS.artist}
            placeholder="optional, e.g. Dua Lipa"
            value={artist}
            onChange={(e) => setArtist(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary search__submit">
          Find anime songs
        </button>
      </div>
      <p id={`${id}-help`} className="hint">
        Either field may be empty, but not both.
      </p>
      <p id={`${id}-error`} className="form-error" role="alert" aria-live="assertive">
        {error}
      </p>
    </form>
  );
}
