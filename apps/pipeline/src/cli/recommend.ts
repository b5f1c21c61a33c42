// `pnpm run recommend "<title>" [--artist <name>] | --track <Spotify link or id>` — anime songs like the given one,
// from the active model in the database (run `pnpm run pipeline all` first).
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@anisong/db";
import { createSongResolver, SongNotFoundError, SpotifyPackageError, parseSpotifyTrackRef, type TSongQuery } from "@anisong/spotify";
import { resolvePipelineConfig } from "../config/pipeline-config";
import { PipelineError, UsageError } from "../errors";
import { recommendSong } from "../recommend/recommend-song";

const USAGE = `usage: pnpm run recommend "<title>" [--artist <name>] [--top <n>]
       pnpm run recommend --track <Spotify link, URI or id> [--top <n>]`;

function parse(argv: string[]): { query: TSongQuery; topN: number } {
  let parsed;
  try {
    // pnpm 12 forwards a literal "--" to the script; it is not an end-of-options marker for us.
    parsed = parseArgs({ args: argv[0] === "--" ? argv.slice(1) : argv, allowPositionals: true, strict: true, options: { artist: { type: "string" }, track: { type: "string" }, top: { type: "string" }, title: { type: "string" } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const topN = values.top === undefined ? resolvePipelineConfig().recommend.topN : Number(values.top);
  if (!Number.isInteger(topN) || topN < 1 || topN > 100) throw new UsageError(`--top must be an integer from 1 to 100, got "${values.top}"`);
  if (values.track !== undefined) {
    const trackId = parseSpotifyTrackRef(values.track);
    if (!trackId) throw new UsageError(`--track must be a Spotify track link, URI or 22-character id, got "${values.track}"`);
    return { query: { trackId }, topN };
  }
  const title = values.title ?? (positionals.join(" ").trim() || undefined);
  if (!title && !values.artist) throw new UsageError("give a title, an --artist or a --track");
  return { query: { title, artist: values.artist }, topN };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`recommend: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const db = await getDb();
    const r = await recommendSong(db, createSongResolver(), args.query, args.topN);
    const t = r.song.track;
    console.log(`${t.title} — ${t.artists.join(", ")}  (features from ${r.song.source})`);
    console.log(`model ${r.modelVersion} · cluster ${r.cluster.index} "${r.cluster.label}" (${r.cluster.size} songs)\n`);
    r.items.forEach((item, i) => {
      const by = item.artists.length > 0 ? ` — ${item.artists.join(", ")}` : "";
      console.log(`${String(i + 1).padStart(2)}. ${item.similarity.toFixed(3)}  ${item.title}${by}`);
    });
    return 0;
  } catch (error) {
    if (error instanceof SongNotFoundError) {
      process.stderr.write(`recommend: ${error.message.replace(/\.$/, "")}. ${error.hint}\n`);
      for (const s of error.suggestions.slice(0, 5)) process.stderr.write(`  did you mean: ${s.title} — ${s.artists.join(", ")}\n`);
      return 1;
    }
    if (error instanceof PipelineError || error instanceof SpotifyPackageError) {
      process.stderr.write(`recommend: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await closeDb();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
