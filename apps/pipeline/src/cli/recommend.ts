// `pnpm run recommend "<title>" [--artist <name>] | --track <Spotify link or id> | --seed … [--avoid …] [--more …]`
// — anime songs like the given ones, from the active model in the database (run `pnpm run pipeline all` first).
// Prints the resolved seeds, where their features came from, the steering, the cluster, and the top-N songs of that
// cluster as a table (or JSON with --json). See RECOMMEND_USAGE for every flag.
import { closeDb, getDb, type TDb } from "@anisong/db";
import { createLibraryProvider, createSongResolver, resolveSpotifyConfig, type TSongResolver } from "@anisong/providers";
import { createLibraryLookup } from "../recommend/library-lookup";
import { recommendSteeredSongs } from "../recommend/recommend-song";
import { formatRecommendation, recommendationJson } from "./format-recommendation";
import { parseRecommendArgs, RECOMMEND_USAGE, type TRecommendArgs } from "./recommend-args";
import { describeRecommendError } from "./recommend-errors";

export type TRecommendCliDeps = {
  /** Default: the database from the environment (@anisong/db getDb), closed at the end. */
  db?: TDb;
  /** Default: providers and credentials from the environment (@anisong/providers resolveSpotifyConfig). */
  resolver?: TSongResolver;
  out?: (text: string) => void;
  err?: (text: string) => void;
};

export async function main(argv: string[], deps: TRecommendCliDeps = {}): Promise<number> {
  const out = deps.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  const err = deps.err ?? ((text: string) => process.stderr.write(`${text}\n`));
  let args: TRecommendArgs;
  try {
    args = parseRecommendArgs(argv);
  } catch (error) {
    err(`recommend: ${(error as Error).message}\n\n${RECOMMEND_USAGE}`);
    return 2;
  }
  try {
    const db = deps.db ?? (await getDb());
    const library = createLibraryProvider(createLibraryLookup(() => Promise.resolve(db)));
    const resolver = deps.resolver ?? createSongResolver({ ...resolveSpotifyConfig(), supplied: [library] });
    const result = await recommendSteeredSongs({
      db,
      resolver,
      seeds: args.seeds,
      avoid: args.avoid,
      targets: args.targets,
      tempoRange: args.tempoRange,
      variety: args.variety,
      topN: args.topN,
      maxPerArtist: args.maxPerArtist,
    });
    out(args.json ? recommendationJson(result, args) : formatRecommendation(result, args));
    return 0;
  } catch (error) {
    const lines = describeRecommendError(error);
    if (!lines) throw error;
    for (const line of lines) err(line);
    return 1;
  } finally {
    if (!deps.db) await closeDb();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
