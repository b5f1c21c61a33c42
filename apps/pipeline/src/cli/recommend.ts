// `pnpm run recommend "<title>" [--artist <name>] | --track <Spotify link or id>` — anime songs like the given one,
// from the active model in the database (run `pnpm run pipeline all` first). Prints the resolved track, where its
// features came from, its cluster, and the top-N songs of that cluster as a table.
import { parseArgs } from "node:util";
import { classifyDatabaseError, closeDb, getDb, type TDb } from "@anisong/db";
import {
  AllProvidersFailedError,
  createSongResolver,
  InvalidQueryError,
  parseSongQuery,
  resolveSpotifyConfig,
  SongNotFoundError,
  SpotifyPackageError,
  spotifyTrackUrl,
  type TSongQuery,
  type TSongResolver,
} from "@anisong/providers";
import { resolvePipelineConfig } from "../config/pipeline-config";
import { PipelineError, UsageError } from "../errors";
import { recommendSong, type TSongRecommendation } from "../recommend/recommend-song";

const USAGE = `usage: pnpm run recommend "<title>" [--artist <name>] [--top <n>]
       pnpm run recommend --track <Spotify link, URI or id> [--top <n>]`;

const RUN_PIPELINE_FIRST = "run `pnpm run pipeline all` first";

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
    try {
      // Parsed once, here; the resolver takes the parsed query as is.
      return { query: parseSongQuery({ trackId: values.track }), topN };
    } catch (error) {
      if (error instanceof InvalidQueryError) throw new UsageError(`--track must be a Spotify track link, URI or 22-character id, got "${values.track}"`);
      throw error;
    }
  }
  const title = values.title ?? (positionals.join(" ").trim() || undefined);
  if (!title && !values.artist) throw new UsageError("give a title, an --artist or a --track");
  return { query: { title, artist: values.artist }, topN };
}

// Terminal columns: CJK, full-width forms and most emoji take two cells, so Japanese titles line up.
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** Cuts `text` to at most `max` columns, marking the cut with "…". */
export function fitWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

function padTo(text: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "left" ? text + fill : fill + text;
}

/** The CLI's output: the resolved song, its feature source and cluster, then the ranked table. */
export function formatRecommendation(r: TSongRecommendation): string {
  const t = r.song.track;
  const lines = [
    `${t.title} — ${t.artists.join(", ") || "unknown artist"}  ${t.spotifyUrl}`,
    `features from ${r.song.source} (${r.song.attempts.map((a) => `${a.provider}: ${a.outcome}`).join("; ")})`,
    `cluster ${r.cluster.index} "${r.cluster.label}" (${r.cluster.size} songs) · model ${r.modelVersion}`,
    "",
  ];
  const header = ["#", "title", "artists", "similarity", "cluster", "spotify"];
  const rows = r.items.map((item, i) => [
    String(i + 1),
    fitWidth(item.title, 36),
    fitWidth(item.artists.join(", ") || "—", 28),
    item.similarity.toFixed(3),
    fitWidth(`${r.cluster.index} ${r.cluster.label}`, 24),
    spotifyTrackUrl(item.trackId),
  ]);
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[c]!))));
  const right = new Set([0, 3]);
  const render = (cells: string[]) => cells.map((cell, c) => padTo(cell, widths[c]!, right.has(c) ? "right" : "left")).join("  ").trimEnd();
  lines.push(render(header), render(widths.map((w) => "-".repeat(w))), ...rows.map(render));
  if (rows.length === 0) lines.push("(no other songs in this cluster)");
  return lines.join("\n");
}

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
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    err(`recommend: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const resolver = deps.resolver ?? createSongResolver(resolveSpotifyConfig());
    const db = deps.db ?? (await getDb());
    out(formatRecommendation(await recommendSong(db, resolver, args.query, args.topN)));
    return 0;
  } catch (error) {
    if (error instanceof SongNotFoundError) {
      err(`recommend: ${error.message.replace(/\.$/, "")}. ${error.hint}`);
      for (const s of error.suggestions.slice(0, 5)) err(`  did you mean: ${s.title} — ${s.artists.join(", ")}`);
      return 1;
    }
    if (error instanceof AllProvidersFailedError) {
      err("recommend: no provider could resolve the song:");
      for (const r of error.reasons) err(`  ${r.provider}: ${r.reason}`);
      return 1;
    }
    if (error instanceof PipelineError || error instanceof SpotifyPackageError) {
      err(`recommend: ${error.message}`);
      return 1;
    }
    if (classifyDatabaseError(error) === "missing_tables") {
      err(`recommend: the database has no Anisong tables yet: ${RUN_PIPELINE_FIRST}`);
      return 1;
    }
    throw error;
  } finally {
    if (!deps.db) await closeDb();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
