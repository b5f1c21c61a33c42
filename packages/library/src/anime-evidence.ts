// Anime evidence: the tracks dataset's anime genre also holds J-pop/K-pop singles with no anime link, so a row
// counts as an anime tie-in only with evidence beyond the genre label. No evidence is not proof of no link.
import { normalizeText } from "@anisong/providers";
import type { TAnimeEvidence, TLibrarySong } from "./library-song";
import { leadArtist } from "./song-identity";

// What a cover calls the song it covers: "Gurenge but is it okay if it's lofi?", "Unravel Lofi (Tokyo Ghoul)",
// "Kaikai Kitan - Piano Version" → the bare title, to compare with the library's anime songs.
const COVER_DECORATION =
  /\s*[([（【][^)\]）】]*[)\]）】]|\s+but\s+(is\s+it\s+okay\s+if\s+)?it'?s\s+lo-?fi.*$|\s+[-–]\s+.*$|\b(lo-?fi|hip\s*hop|remix|piano|epic|orchestral|version|ver\.?|cover)\b/gi;
function coveredTitle(title: string): string {
  return normalizeText(title.normalize("NFKC").replace(COVER_DECORATION, " "));
}

/** Sets animeEvidence and animeTieIn; memberTitles[i] are the titles of every row merged into song i. */
export function markAnimeEvidence(songs: TLibrarySong[], memberTitles: readonly string[][]): void {
  const isSeed = (s: TLibrarySong) => s.provenance.includes("seed");
  const seedKeys = new Set(songs.filter(isSeed).map((s) => s.songKey));
  const seedArtists = new Set(
    songs
      .filter(isSeed)
      .map((s) => leadArtist(s.artists))
      .filter((a): a is string => a !== null),
  );
  const animeSongTitles = new Set<string>();
  songs.forEach((s, i) => {
    if (s.kind === "cover" || !(isSeed(s) || s.animeTitle !== null)) return;
    for (const t of memberTitles[i]!) if (coveredTitle(t).length >= 3) animeSongTitles.add(coveredTitle(t));
  });
  for (const s of songs) {
    const evidence: TAnimeEvidence[] = [];
    if (isSeed(s)) evidence.push("seed");
    if (s.animeTitle !== null) evidence.push("anime-title");
    if (!isSeed(s) && seedKeys.has(s.songKey)) evidence.push("version-of-seed-song");
    const lead = leadArtist(s.artists);
    if (!isSeed(s) && lead !== null && seedArtists.has(lead)) evidence.push("seed-artist");
    if (s.kind === "cover" && animeSongTitles.has(coveredTitle(s.title))) evidence.push("covers-anime-song");
    s.animeEvidence = evidence;
    s.animeTieIn = evidence.length > 0;
  }
}
