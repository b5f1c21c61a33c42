// Test-only fixture loading: a tiny CSV reader is enough for these numeric, unquoted files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FEATURE_NAMES, type TAudioFeatures } from "../src/features";

export interface TFixtureSong {
  id: string;
  name: string;
  features: TAudioFeatures;
  row: number[];
}

function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitLine(lines[0]!);
  return lines.slice(1).map((line) => {
    const cells = splitLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

// Handles double-quoted cells with commas and "" escapes (song titles).
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

export function loadSongs(file: "anime_songs.csv" | "sample_search_songs.csv"): TFixtureSong[] {
  const records = parseCsv(readFileSync(join(__dirname, "fixtures", file), "utf8"));
  return records.map((r) => {
    const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, Number(r[f])])) as TAudioFeatures;
    return { id: r.id!, name: r.name ?? r.title ?? "", features, row: FEATURE_NAMES.map((f) => features[f]) };
  });
}

export interface TSklearnReference {
  sklearn: string;
  features: string[];
  n: number;
  scaler: { mean: number[]; scale: number[] };
  kmeans_k5: {
    inertia: number;
    centroids: number[][];
    labels: number[];
    n_iter: number;
    silhouette: number;
    silhouette_samples_first10: number[];
  };
  sample: { titles: string[]; scaled: number[][]; cluster_by_cosine: number[]; cluster_by_euclidean: number[] };
  recommendations: { title: string; cluster: number; top10_ids: string[]; top10_cosine: number[] }[];
  k_sweep: { k: number; inertia: number; silhouette: number }[];
}

export function loadReference(): TSklearnReference {
  return JSON.parse(readFileSync(join(__dirname, "fixtures", "sklearn_anime_k5.json"), "utf8")) as TSklearnReference;
}
