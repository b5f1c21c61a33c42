// What the results page offers besides the chosen song, from how the resolver identified it:
// · a pasted id: nothing; · an exact or confident match: only plausible alternatives — other versions of the song
// (same songKey) or, for a title-only search, the same normalised title by another artist (then the listener is
// asked to pick); · an artist-only search: the song used is named and the artist's other songs are offered.
import { leadArtist, normalizedTitle } from "@anisong/library";
import type { TMatchedBy, TResolvedSong, TTrack } from "@anisong/providers";
import { onePerSong, trackSongKey } from "../songs/one-per-song";

export type TPickList = {
  matchedBy: TMatchedBy;
  candidates: TTrack[];
  /** Several different songs match the typed title equally: ask the listener to pick. */
  ambiguous: boolean;
};

const MAX_CANDIDATES = 10;

export function pickListOf(resolved: Pick<TResolvedSong, "track" | "candidates" | "matchedBy">, input: { titleOnly: boolean }): TPickList {
  const { track, matchedBy } = resolved;
  const others = resolved.candidates.filter((c) => c.id !== track.id && !(c.title === track.title && sameArtists(c, track)));
  const chosenKey = trackSongKey(track);
  if (matchedBy === "id") return { matchedBy, candidates: [], ambiguous: false };
  if (matchedBy === "artist-only") {
    const lead = leadArtist(track.artists);
    const byArtist = others.filter((c) => lead !== null && leadArtist(c.artists) === lead && trackSongKey(c) !== chosenKey);
    return { matchedBy, candidates: onePerSong(byArtist, trackSongKey).slice(0, MAX_CANDIDATES), ambiguous: false };
  }
  const title = normalizedTitle(track.title);
  const versions = others.filter((c) => trackSongKey(c) === chosenKey);
  const sameTitle = input.titleOnly ? others.filter((c) => trackSongKey(c) !== chosenKey && normalizedTitle(c.title) === title) : [];
  return {
    matchedBy,
    candidates: [...versions, ...onePerSong(sameTitle, trackSongKey)].slice(0, MAX_CANDIDATES),
    ambiguous: sameTitle.length > 0,
  };
}

function sameArtists(a: TTrack, b: TTrack): boolean {
  return a.artists.length === b.artists.length && a.artists.every((x, i) => x === b.artists[i]);
}
