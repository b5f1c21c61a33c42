// The recommend CLI's arguments: a title (and --artist), or --track, and --top, --max-per-artist.
import { parseArgs } from "node:util";
import { InvalidQueryError, parseSongQuery, type TSongQuery } from "@anisong/providers";
import { resolvePipelineConfig } from "../config/pipeline-config";
import { UsageError } from "../errors";

export const RECOMMEND_USAGE = `usage: pnpm run recommend "<title>" [--artist <name>] [--top <n>] [--max-per-artist <n>]
       pnpm run recommend --track <Spotify link, URI or id> [--top <n>] [--max-per-artist <n>]`;

export type TRecommendArgs = { query: TSongQuery; topN: number; maxPerArtist: number };

const DEFAULT_MAX_PER_ARTIST = 2;

export function parseRecommendArgs(argv: string[]): TRecommendArgs {
  let parsed;
  try {
    // pnpm 12 forwards a literal "--" to the script; it is not an end-of-options marker for us.
    parsed = parseArgs({
      args: argv[0] === "--" ? argv.slice(1) : argv,
      allowPositionals: true,
      strict: true,
      options: {
        artist: { type: "string" },
        track: { type: "string" },
        top: { type: "string" },
        "max-per-artist": { type: "string" },
        title: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const topN = values.top === undefined ? resolvePipelineConfig().recommend.topN : Number(values.top);
  if (!Number.isInteger(topN) || topN < 1 || topN > 100)
    throw new UsageError(`--top must be an integer from 1 to 100, got "${values.top}"`);
  const capText = values["max-per-artist"];
  const maxPerArtist = capText === undefined ? DEFAULT_MAX_PER_ARTIST : Number(capText);
  if (!Number.isInteger(maxPerArtist) || maxPerArtist < 1 || maxPerArtist > 100) {
    throw new UsageError(`--max-per-artist must be an integer from 1 to 100, got "${capText}"`);
  }
  if (values.track !== undefined) {
    try {
      // Parsed once, here; the resolver takes the parsed query as is.
      return { query: parseSongQuery({ trackId: values.track }), topN, maxPerArtist };
    } catch (error) {
      if (error instanceof InvalidQueryError)
        throw new UsageError(`--track must be a Spotify track link, URI or 22-character id, got "${values.track}"`);
      throw error;
    }
  }
  const title = values.title ?? (positionals.join(" ").trim() || undefined);
  if (!title && !values.artist) throw new UsageError("give a title, an --artist or a --track");
  return { query: { title, artist: values.artist }, topN, maxPerArtist };
}
