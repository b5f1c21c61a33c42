// The songs ingest writes: the library's entries (data/library/library.json, built by the `library` step for this
// model) with their kinds and merged ids, the seed's cleaned rows where the library has them; without a library
// for this model, the cleaned seed songs alone.
import fs from "node:fs";
import type { TIngestSong } from "@anisong/ingest";
import { logRead, type TStepContext } from "../context";
import { readJson } from "../io/artifacts";
import { ZLibraryFile, type TLibraryFile } from "../io/schemas";
import { libraryPaths } from "./library";

export type TLibrarySongs = { songs: TIngestSong[]; libraryVersion: string | null; seedOnlySizes: number[] };

export function readLibraryFor(ctx: TStepContext, modelVersion: string): TLibraryFile | null {
  const file = libraryPaths(ctx).library;
  if (!fs.existsSync(file)) return null;
  const library = readJson(file, ZLibraryFile, "library");
  if (library.modelVersion !== modelVersion) {
    ctx.log.warn(
      `${file} was built for model ${library.modelVersion}, not ${modelVersion}: ingesting the seed songs only (run \`pnpm run pipeline library\`)`,
    );
    return null;
  }
  logRead(ctx, file, `${library.songs.length} library entries, library ${library.version}`);
  return library;
}

export function librarySongs(input: { seed: TIngestSong[]; library: TLibraryFile | null; k: number }): TLibrarySongs {
  const { seed, library, k } = input;
  const sizes = (songs: { cluster: number }[]) => {
    const out = new Array<number>(k).fill(0);
    for (const s of songs) out[s.cluster]!++;
    return out;
  };
  const seedOnlySizes = sizes(seed);
  if (!library) return { songs: seed, libraryVersion: null, seedOnlySizes };
  const seedById = new Map(seed.map((s) => [s.id, s]));
  const covered = new Set<string>();
  const songs: TIngestSong[] = library.songs.map((entry) => {
    for (const id of [entry.id, ...entry.alternateIds]) covered.add(id);
    const fromSeed = seedById.get(entry.id);
    const libraryFields = {
      provenance: entry.provenance,
      kind: entry.kind,
      isVersion: entry.isVersion,
      songKey: entry.songKey,
      animeTitle: entry.animeTitle,
      alternateIds: entry.alternateIds,
      releaseDate: entry.releaseDate,
      coverUrl: entry.coverUrl,
    };
    const base = fromSeed ?? {
      id: entry.id,
      popularity: null,
      genres: [],
      key: null,
      mode: null,
      durationMs: entry.durationMs,
      features: entry.features,
    };
    return {
      ...base,
      title: entry.title,
      artists: entry.artists.length > 0 ? entry.artists : (fromSeed?.artists ?? []),
      album: entry.album ?? fromSeed?.album ?? null,
      source: entry.provenance.join("+"),
      // A seed song keeps its training cluster (the library step carries it); the rest are placed by the model's rule.
      cluster: fromSeed?.cluster ?? entry.clusterIndex,
      library: libraryFields,
    };
  });
  // A cleaned seed song the library does not list (it never drops one, but a stale file might): kept as it is.
  for (const s of seed) if (!covered.has(s.id)) songs.push(s);
  return { songs, libraryVersion: library.version, seedOnlySizes };
}
