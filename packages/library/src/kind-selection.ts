// Listeners choose which kinds they get; covers and arrangements are opt-in.
import { DEFAULT_KINDS, SONG_KINDS, type TSongKind } from "./song-kind";

export class InvalidKindError extends Error {
  override name = "InvalidKindError";
}

/** The kinds a listener asked for; none given → the default (original + soundtrack). Unknown names are an error. */
export function parseKinds(requested: readonly string[] | undefined): TSongKind[] {
  if (requested === undefined || requested.length === 0) return [...DEFAULT_KINDS];
  const unknown = requested.filter((k) => !(SONG_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new InvalidKindError(
      `unknown song kind(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}: expected ${SONG_KINDS.join(", ")}`,
    );
  return SONG_KINDS.filter((k) => requested.includes(k));
}

/** The songs of the chosen kinds (default kinds when none are given). */
export function selectKinds<T extends { kind: TSongKind }>(songs: readonly T[], kinds?: readonly TSongKind[]): T[] {
  const wanted = new Set(kinds ?? DEFAULT_KINDS);
  return songs.filter((s) => wanted.has(s.kind));
}
