// The recommend CLI's output: the resolved song, its feature source and cluster, then the ranked table.
import { spotifyTrackUrl } from "@anisong/providers";
import type { TSongRecommendation } from "../recommend/recommend-song";
import { fitWidth, renderTable } from "./terminal-table";

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
  lines.push(...renderTable(header, rows, new Set([0, 3])));
  if (rows.length === 0) lines.push("(no other songs in this cluster)");
  return lines.join("\n");
}
