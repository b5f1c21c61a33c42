// The recommend CLI's arguments: seeds (a title and --artist, --track, or repeated --seed), songs to --avoid, feature
// targets (--more / --less), a tempo range, --variety, --top, --max-per-artist and --json.
import { MAX_AVOID, MAX_SEEDS, MAX_STEERED_TOP_N, STEERABLE_FEATURES, type TSteerableFeature, type TTargetStep } from "@anisong/core-ml";
import { InvalidQueryError, parseSongQuery, parseSpotifyTrackRef, type TSongQuery } from "@anisong/providers";
import { resolvePipelineConfig } from "../config/pipeline-config";
import { UsageError } from "../errors";
import type { TSeedInput } from "../recommend/resolve-seeds";
import { parseCliArgs } from "./parse-cli-args";

export const RECOMMEND_USAGE = `usage: pnpm run recommend "<title>" [--artist <name>] [options]
       pnpm run recommend --track <Spotify link, URI or id> [options]
       pnpm run recommend --seed "<title> [by <artist>]" --seed <Spotify link or id> … [options]
options:
  --seed <song>            a song to recommend like: "<title> by <artist>", a title, or a Spotify link/id;
                           repeatable, 1–${MAX_SEEDS} seeds in all (a title, --artist or --track is the first)
  --avoid <song>           a song to steer away from, same forms; repeatable, at most ${MAX_AVOID}
  --more <feature>         push a feature up by half a standard deviation; repeatable
  --less <feature>         push a feature down; features: ${STEERABLE_FEATURES.join(", ")} (mood = valence)
  --tempo-min <bpm>        only songs at or above this tempo (0–300)
  --tempo-max <bpm>        only songs at or below this tempo (0–300)
  --variety <0..1>         trade similarity for variety (maximal marginal relevance; default 0)
  --top <n>                how many songs, 1–${MAX_STEERED_TOP_N} (default 10)
  --max-per-artist <n>     at most n songs per lead artist, 1–100 (default 2)
  --json                   print machine-readable JSON instead of the table`;

export type TRecommendArgs = {
  seeds: TSeedInput[];
  avoid: TSeedInput[];
  targets: Partial<Record<TSteerableFeature, TTargetStep>>;
  tempoRange?: { min?: number; max?: number };
  variety: number;
  topN: number;
  maxPerArtist: number;
  json: boolean;
};

const DEFAULT_MAX_PER_ARTIST = 2;
const FEATURE_ALIASES: Record<string, TSteerableFeature> = { mood: "valence" };

/** A --seed/--avoid text: a Spotify reference, or "<title> by <artist>" (tried first) falling back to the whole title. */
export function parseSeedText(flag: string, text: string): TSeedInput {
  const input = text.trim();
  const id = parseSpotifyTrackRef(input);
  const tries: TSongQuery[] = [];
  if (id) tries.push({ trackId: id });
  else {
    const by = / by /gi;
    let last = -1;
    for (let m = by.exec(input); m; m = by.exec(input)) last = m.index;
    if (last > 0 && input.slice(last + 4).trim()) tries.push({ title: input.slice(0, last), artist: input.slice(last + 4) });
    tries.push({ title: input });
  }
  try {
    return { input, queries: tries.map((q) => parseSongQuery(q)) };
  } catch (error) {
    if (error instanceof InvalidQueryError) throw new UsageError(`${flag} "${text}": ${error.message}`);
    throw error;
  }
}

function integer(flag: string, text: string | undefined, min: number, max: number, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text ?? value}"`);
  }
  return value;
}

function number(flag: string, text: string | undefined, min: number, max: number, unit = ""): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`${flag} must be a number from ${min} to ${max}${unit}, got "${text}"`);
  return value;
}

function feature(flag: string, name: string): TSteerableFeature {
  const key = name.trim().toLowerCase();
  const resolved = FEATURE_ALIASES[key] ?? (STEERABLE_FEATURES as readonly string[]).find((f) => f === key);
  if (!resolved) throw new UsageError(`${flag} must name one of ${STEERABLE_FEATURES.join(", ")} (or mood), got "${name}"`);
  return resolved as TSteerableFeature;
}

export function parseRecommendArgs(argv: string[]): TRecommendArgs {
  // pnpm 12 forwards a literal "--" to the script; it is not an end-of-options marker for us.
  const { values, positionals } = parseCliArgs(argv[0] === "--" ? argv.slice(1) : argv, {
    artist: { type: "string" },
    track: { type: "string" },
    title: { type: "string" },
    seed: { type: "string", multiple: true },
    avoid: { type: "string", multiple: true },
    more: { type: "string", multiple: true },
    less: { type: "string", multiple: true },
    "tempo-min": { type: "string" },
    "tempo-max": { type: "string" },
    variety: { type: "string" },
    top: { type: "string" },
    "max-per-artist": { type: "string" },
    json: { type: "boolean" },
  });
  const topN = integer("--top", values.top, 1, MAX_STEERED_TOP_N, resolvePipelineConfig().recommend.topN);
  const maxPerArtist = integer("--max-per-artist", values["max-per-artist"], 1, 100, DEFAULT_MAX_PER_ARTIST);
  const variety = number("--variety", values.variety, 0, 1) ?? 0;
  const tempoMin = number("--tempo-min", values["tempo-min"], 0, 300, " BPM");
  const tempoMax = number("--tempo-max", values["tempo-max"], 0, 300, " BPM");
  if (tempoMin !== undefined && tempoMax !== undefined && tempoMin > tempoMax) {
    throw new UsageError(`--tempo-min (${tempoMin}) must not exceed --tempo-max (${tempoMax})`);
  }

  const seeds: TSeedInput[] = [];
  if (values.track !== undefined) {
    try {
      // Parsed once, here; the resolver takes the parsed query as is.
      seeds.push({ input: values.track, queries: [parseSongQuery({ trackId: values.track })] });
    } catch (error) {
      if (error instanceof InvalidQueryError)
        throw new UsageError(`--track must be a Spotify track link, URI or 22-character id, got "${values.track}"`);
      throw error;
    }
  } else {
    const title = values.title ?? (positionals.join(" ").trim() || undefined);
    if (title || values.artist) {
      const input = [title, values.artist && `by ${values.artist}`].filter(Boolean).join(" ");
      try {
        seeds.push({ input, queries: [parseSongQuery({ title, artist: values.artist })] });
      } catch (error) {
        if (error instanceof InvalidQueryError) throw new UsageError(error.message);
        throw error;
      }
    }
  }
  for (const text of values.seed ?? []) seeds.push(parseSeedText("--seed", text));
  if (seeds.length === 0) throw new UsageError("give a title, an --artist, a --track or a --seed");
  if (seeds.length > MAX_SEEDS) throw new UsageError(`at most ${MAX_SEEDS} seeds in all, got ${seeds.length}`);
  const avoid = (values.avoid ?? []).map((text) => parseSeedText("--avoid", text));
  if (avoid.length > MAX_AVOID) throw new UsageError(`at most ${MAX_AVOID} --avoid songs, got ${avoid.length}`);

  const targets: Partial<Record<TSteerableFeature, TTargetStep>> = {};
  for (const [flag, step] of [
    ["--more", "more"],
    ["--less", "less"],
  ] as const) {
    for (const name of values[step] ?? []) {
      const f = feature(flag, name);
      if (targets[f] !== undefined && targets[f] !== step) throw new UsageError(`--more and --less both name ${f}`);
      targets[f] = step;
    }
  }
  const tempoRange = tempoMin !== undefined || tempoMax !== undefined ? { min: tempoMin, max: tempoMax } : undefined;
  return { seeds, avoid, targets, tempoRange, variety, topN, maxPerArtist, json: values.json ?? false };
}
