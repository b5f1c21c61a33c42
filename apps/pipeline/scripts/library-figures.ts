// Figures for issue 9: library size in the database, artist coverage of the library and of the recommendations
// shown for ten well-known queries (those that resolve offline), default kinds (original + soundtrack).
// Run: ANISONG_PGLITE_DIR=<dir> pnpm --filter @anisong/pipeline exec tsx scripts/library-figures.ts
import { prepareLibrary, recommend } from "@anisong/core-ml";
import { closeDb, findActiveModel, getDb, listClusterSongs } from "@anisong/db";
import { createLibraryProvider, createSongResolver, resolveSpotifyConfig } from "@anisong/providers";
import { createLibraryLookup } from "../src/recommend/library-lookup";

const QUERIES = [
  ["Levitating", "Dua Lipa"],
  ["Getaway Car", "Taylor Swift"],
  ["Lucid Dreams", "Juice WRLD"],
  ["Blinding Lights", "The Weeknd"],
  ["Bad Guy", "Billie Eilish"],
  ["Shape of You", "Ed Sheeran"],
  ["Someone Like You", "Adele"],
  ["Bohemian Rhapsody", "Queen"],
  ["Take On Me", "a-ha"],
  ["Smells Like Teen Spirit", "Nirvana"],
] as const;
const DEFAULT_KINDS = new Set(["original", "soundtrack"]);

async function main() {
  const db = await getDb();
  const active = await findActiveModel(db);
  if (!active) throw new Error("no active model: run `pnpm run pipeline all`");
  const songs = await listClusterSongs(db, { modelId: active.model.version });
  const share = (xs: { artists: string[] }[]) => xs.filter((s) => s.artists.length > 0).length / Math.max(1, xs.length);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const counts = new Map<string, number>();
  for (const s of songs) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const byKind = [...counts].map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(`model ${active.model.version}, library ${active.libraryVersion ?? "(seed only)"}`);
  console.log(`library songs in the database: ${songs.length} (${byKind}); seed ${songs.filter((s) => s.source.includes("seed")).length}`);
  console.log(
    `artist coverage of the library: ${pct(share(songs))}; default kinds: ${pct(share(songs.filter((s) => DEFAULT_KINDS.has(s.kind))))}`,
  );

  const resolver = createSongResolver({
    ...resolveSpotifyConfig(),
    providers: ["library", "catalog"],
    supplied: [createLibraryProvider(createLibraryLookup(() => Promise.resolve(db)))],
  });
  const eligible = songs.filter((s) => DEFAULT_KINDS.has(s.kind));
  const prepared = prepareLibrary(active.model, eligible);
  const shown: { artists: string[] }[] = [];
  for (const [title, artist] of QUERIES) {
    try {
      const song = await resolver.resolve({ title, artist });
      const result = recommend(active.model, { trackId: song.track.id, features: song.features }, prepared, { topN: 10 });
      const items = result.items.map((i) => eligible.find((s) => s.trackId === i.trackId)!);
      shown.push(...items);
      console.log(
        `  ${title} — ${song.track.artists.join(", ")} (${song.source}): cluster ${result.cluster}, ${items.filter((s) => s.artists.length > 0).length}/10 with artists`,
      );
    } catch (error) {
      console.log(`  ${title}: not resolved offline (${(error as Error).message})`);
    }
  }
  console.log(`artist coverage of shown recommendations: ${pct(share(shown))} of ${shown.length}`);
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
