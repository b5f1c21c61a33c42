// Resolves the listener's seeds and avoided songs to tracks with audio features, one at a time, in the order given.
import { SongNotFoundError, type TResolvedSong, type TSongQuery, type TSongResolver } from "@anisong/providers";

/** One --seed/--avoid as typed, and the queries to try for it in order ("<title> by <artist>", then the whole title). */
export type TSeedInput = { input: string; queries: readonly TSongQuery[] };

export type TResolvedSeed = { input: string; song: TResolvedSong };

/** The first query that finds a song wins; when none does, the first query's SongNotFoundError is thrown. */
export async function resolveSeed(resolver: TSongResolver, seed: TSeedInput): Promise<TResolvedSeed> {
  let first: unknown;
  for (const query of seed.queries) {
    try {
      return { input: seed.input, song: await resolver.resolve(query) };
    } catch (error) {
      if (!(error instanceof SongNotFoundError)) throw error;
      first ??= error;
    }
  }
  throw first;
}

export async function resolveSeeds(resolver: TSongResolver, seeds: readonly TSeedInput[]): Promise<TResolvedSeed[]> {
  const out: TResolvedSeed[] = [];
  for (const seed of seeds) out.push(await resolveSeed(resolver, seed));
  return out;
}
