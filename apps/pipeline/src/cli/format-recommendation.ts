// The recommend CLI's output: the resolved seeds (and avoided songs) with their feature sources, the steering, the
// cluster, then the ranked table; or the same as JSON for machines.
import { spotifyTrackUrl } from "@anisong/providers";
import type { TResolvedSeed } from "../recommend/resolve-seeds";
import type { TSteeredSongRecommendation } from "../recommend/recommend-song";
import type { TRecommendArgs } from "./recommend-args";
import { fitWidth, renderTable } from "./terminal-table";

function songLines(prefix: string, { song }: TResolvedSeed): string[] {
  const t = song.track;
  return [
    `${prefix}${t.title} — ${t.artists.join(", ") || "unknown artist"}  ${t.spotifyUrl}`,
    `${prefix ? "  " : ""}features from ${song.source} (${song.attempts.map((a) => `${a.provider}: ${a.outcome}`).join("; ")})`,
  ];
}

const signed = (v: number, digits: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(digits)}`;

/** "more energy (+0.125), less tempo (−14.6 BPM); tempo 100–140 BPM; variety 0.3", or "" with no steering. */
function steeringLine(r: TSteeredSongRecommendation, args: TRecommendArgs): string {
  const parts: string[] = [];
  const moves = Object.entries(r.shifts).map(([f, shift]) => {
    const step = r.steps[f as keyof typeof r.steps] ?? 0;
    const raw = Math.sign(shift) * step;
    return `${shift > 0 ? "more" : "less"} ${f} (${f === "tempo" ? `${signed(raw, 1)} BPM` : signed(raw, 3)})`;
  });
  if (moves.length) parts.push(moves.join(", "));
  const range = args.tempoRange;
  if (range) parts.push(`tempo ${range.min ?? 0}–${range.max ?? 300} BPM`);
  if (args.variety > 0) parts.push(`variety ${args.variety}`);
  return parts.length ? `steering: ${parts.join("; ")}` : "";
}

export function formatRecommendation(r: TSteeredSongRecommendation, args: TRecommendArgs): string {
  const plain = r.seeds.length === 1 && r.avoid.length === 0;
  const lines = [
    ...r.seeds.flatMap((s, i) => songLines(plain ? "" : `seed ${i + 1}: `, s)),
    ...r.avoid.flatMap((s, i) => songLines(`avoid ${i + 1}: `, s)),
  ];
  const steering = steeringLine(r, args);
  if (steering) lines.push(steering);
  lines.push(`cluster ${r.cluster.index} "${r.cluster.label}" (${r.cluster.size} songs) · model ${r.modelVersion}`, "");
  const header = ["#", "title", "artists", "similarity"];
  if (!plain) header.push("vs seeds");
  if (r.avoid.length) header.push("vs avoided");
  header.push("cluster", "spotify");
  const cosines = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(" ");
  const rows = r.items.map((item, i) => [
    String(i + 1),
    fitWidth(item.title, 36),
    fitWidth(item.artists.join(", ") || "—", 28),
    item.similarity.toFixed(3),
    ...(plain ? [] : [cosines(item.seedSimilarities)]),
    ...(r.avoid.length ? [cosines(item.avoidSimilarities)] : []),
    fitWidth(`${r.cluster.index} ${r.cluster.label}`, 24),
    spotifyTrackUrl(item.trackId),
  ]);
  lines.push(...renderTable(header, rows, new Set([0, 3])));
  if (rows.length === 0) lines.push("(no songs in this cluster match)");
  return lines.join("\n");
}

const seedJson = ({ input, song }: TResolvedSeed) => ({
  input,
  trackId: song.track.id,
  title: song.track.title,
  artists: song.track.artists,
  spotifyUrl: song.track.spotifyUrl,
  source: song.source,
  matchedBy: song.matchedBy,
  features: song.features,
});

/** The machine-readable form (`--json`): the query as given, the seeds as resolved, the options, and the list. */
export function recommendationJson(r: TSteeredSongRecommendation, args: TRecommendArgs): string {
  return JSON.stringify(
    {
      query: { seeds: args.seeds.map((s) => s.input), avoid: args.avoid.map((s) => s.input) },
      seeds: r.seeds.map(seedJson),
      avoid: r.avoid.map(seedJson),
      options: {
        topN: args.topN,
        maxPerArtist: args.maxPerArtist,
        variety: args.variety,
        targets: args.targets,
        tempoRange: args.tempoRange ?? null,
      },
      model: r.modelVersion,
      cluster: r.cluster,
      queryPoint: r.queryPoint,
      shifts: r.shifts,
      steps: r.steps,
      items: r.items.map((item, i) => ({ rank: i + 1, ...item, spotifyUrl: spotifyTrackUrl(item.trackId) })),
    },
    null,
    2,
  );
}
