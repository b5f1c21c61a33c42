// README example: train on the 438 seed anime songs and recommend for "Levitating".
// Run: pnpm --filter @anisong/core-ml exec tsx examples/recommend.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  FEATURE_NAMES,
  StandardScaler,
  createModelArtifact,
  deriveClusterLabel,
  kmeans,
  prepareLibrary,
  recommend,
  silhouetteScore,
  type TAudioFeatures,
} from "../src";

const rows = parse(readFileSync(join(__dirname, "../test/fixtures/anime_songs.csv")), { columns: true }) as Record<string, string>[];
const songs = rows.map((r) => ({
  trackId: r.id!,
  name: r.name!,
  features: Object.fromEntries(FEATURE_NAMES.map((f) => [f, Number(r[f])])) as TAudioFeatures,
}));
const raw = songs.map((s) => FEATURE_NAMES.map((f) => s.features[f]));

const scaler = StandardScaler.fit(raw);
const X = scaler.transform(raw);
const km = kmeans(X, 5, { nInit: 10, seed: 0 });
const model = createModelArtifact({
  featureNames: [...FEATURE_NAMES],
  scaler: scaler.toJSON(),
  k: 5,
  centroids: km.centroids,
  assignment: "cosine",
  inertia: km.inertia,
  silhouette: silhouetteScore(X, km.labels),
  trainingRows: X.length,
  trainingDataHash: "example",
  createdAt: "2026-11-25T00:00:00.000Z",
});
console.log(
  `model ${model.version}: inertia ${model.inertia.toFixed(2)}, silhouette ${model.silhouette.toFixed(4)}, ${km.iterations} iterations`,
);
km.centroids.forEach((c, i) => {
  const size = km.labels.filter((l) => l === i).length;
  console.log(`  cluster ${i} (${size} songs): ${deriveClusterLabel(c, FEATURE_NAMES)}`);
});

const library = prepareLibrary(
  model,
  songs.map((s, i) => ({ trackId: s.trackId, features: s.features, cluster: km.labels[i] })),
);
const levitating: TAudioFeatures = {
  danceability: 0.702,
  energy: 0.825,
  loudness: -3.787,
  speechiness: 0.0601,
  acousticness: 0.00883,
  instrumentalness: 0,
  liveness: 0.0674,
  valence: 0.915,
  tempo: 102.977,
};
const result = recommend(model, { trackId: "5nujrmhLynf4yMoMtj8AQF", features: levitating }, library, { topN: 5 });
console.log(`Levitating → cluster ${result.cluster} (${deriveClusterLabel(model.centroids[result.cluster]!, FEATURE_NAMES)})`);
for (const item of result.items) console.log(`  ${item.similarity.toFixed(4)}  ${item.trackId}  ${songs[item.index]!.name}`);
