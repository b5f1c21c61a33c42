"use client";
// Listening in the page: Spotify's embed player for one pick. Nothing is requested from Spotify until the listener
// presses Play (the iframe does not exist before); one player at a time — the page keeps one playing id.
import { SPOTIFY_EMBED_ORIGIN } from "../lib/spotify-embed";

export function PlayButton({ title, playing, onToggle }: { title: string; playing: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="button button--small play-button" aria-pressed={playing} onClick={onToggle} data-testid="play-button">
      {playing ? "Close player" : "Play"}
      <span className="visually-hidden"> {title}</span>
    </button>
  );
}

/** Only a 22-character base-62 Spotify id becomes a frame source, whatever the data says. */
export function embedSrc(trackId: string): string | null {
  return /^[0-9A-Za-z]{22}$/.test(trackId) ? `${SPOTIFY_EMBED_ORIGIN}/embed/track/${trackId}` : null;
}

export function EmbedPlayer({ trackId, title }: { trackId: string; title: string }) {
  const src = embedSrc(trackId);
  if (!src) return <p className="muted">This song cannot be played here.</p>;
  return (
    <iframe
      className="embed-player"
      data-testid="embed-player"
      title={`Spotify player: ${title}`}
      src={src}
      width="100%"
      height="152"
      allow="encrypted-media"
      loading="lazy"
    />
  );
}
