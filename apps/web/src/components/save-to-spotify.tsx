"use client";

// "Save to Spotify": a link to /api/spotify/login (a top-level navigation through Spotify's consent page and
// back to the permalink), shown only when the server has it configured, and what happened last time.
import { createContext, useContext, type ReactNode } from "react";
import { SPOTIFY_SAVE_MESSAGES, spotifyPlaylistUrl, type TSpotifySaveStatus } from "../lib/spotify-save-status";

type TSpotifySave = { enabled: boolean; status: TSpotifySaveStatus };

const SpotifySaveContext = createContext<TSpotifySave>({ enabled: false, status: null });

/** The pages (server) say whether saving is configured and pass the status from the permalink's query. */
export function SpotifySaveProvider({
  enabled,
  status = null,
  children,
}: TSpotifySave & { status?: TSpotifySaveStatus; children: ReactNode }) {
  return <SpotifySaveContext.Provider value={{ enabled, status }}>{children}</SpotifySaveContext.Provider>;
}

export function SaveToSpotify({ recommendationId }: { recommendationId: string }) {
  const { enabled, status } = useContext(SpotifySaveContext);
  if (!enabled) return null;
  return (
    <div className="spotify-save">
      <a className="button button--small" href={`/api/spotify/login?${new URLSearchParams({ recommendation: recommendationId })}`}>
        Save to Spotify<span className="visually-hidden"> as a private playlist</span>
      </a>
      {status && "saved" in status ? (
        <p className="notice notice--success" role="status">
          Saved to your Spotify as a private playlist.{" "}
          <a href={spotifyPlaylistUrl(status.saved)} target="_blank" rel="noopener noreferrer">
            Open it in Spotify<span className="visually-hidden"> (new tab)</span>
          </a>
        </p>
      ) : status ? (
        <p className="notice notice--error" role="alert" data-spotify-error={status.error}>
          {SPOTIFY_SAVE_MESSAGES[status.error]}
        </p>
      ) : null}
    </div>
  );
}
