// Figures for issue 10: one real query ("Levitating" by Dua Lipa) run through the recommend CLI's --json path
// with each steering option alone, then all together; what each changes in the list (songs replaced, mean
// features, mean cosine to the query point, mean pairwise cosine); and variety's effect on the list's similarity
// over several queries. Run: ANISONG_PGLITE_DIR=<dir> pnpm --filter @anisong/pipeline exec tsx scripts/steer-figures.ts
import { cosineSimilarity, scaleFeatures, type TAudioFeatures, type TModelArtifact } from "@anisong/core-ml";
import { closeDb, findActiveModel, getDb } from "@anisong/db";
import { createLibraryProvider, createSongResolver, resolveSpotifyConfig } from "@anisong/providers";
import { main as recommendCli } from "../src/cli/recommend";
import { createLibraryLookup } from "../src/recommend/library-lookup";

type TItem = { trackId: string; title: string; artists: string[]; similarity: number; features: TAudioFeatures };
type TJson = { cluster: { index: number; label: string }; items: TItem[]; seeds: { title: string }[] };

const LEVITATING = ["Levitating", "--artist", "Dua Lipa"];
const VARIANTS: [string, string[]][] = [
  ["baseline (top 10, max 2 per artist)", []],
  ["--more energy", ["--more", "energy"]],
  ["--less energy", ["--less", "energy"]],
  ["--more valence", ["--more", "valence"]],
  ["--less valence", ["--less", "valence"]],
  ["--more danceability", ["--more", "danceability"]],
  ["--less danceability", ["--less", "danceability"]],
  ["--more acousticness", ["--more", "acousticness"]],
  ["--less acousticness", ["--less", "acousticness"]],
  ["--more tempo", ["--more", "tempo"]],
  ["--less tempo", ["--less", "tempo"]],
  ["--tempo-min 100 --tempo-max 120", ["--tempo-min", "100", "--tempo-max", "120"]],
  ['--seed "紅蓮華 by LiSA"', ["--seed", "紅蓮華 by LiSA"]],
  ['--avoid "ここで息をして by eill"', ["--avoid", "ここで息をして by eill"]],
  ["--max-per-artist 1", ["--max-per-artist", "1"]],
  ["--variety 0.3", ["--variety", "0.3"]],
  ["--variety 0.7", ["--variety", "0.7"]],
  [
    "every option",
    [
      ["--seed", "紅蓮華 by LiSA", "--avoid", "ここで息をして by eill", "--more", "energy", "--less", "acousticness"],
      ["--tempo-min", "100", "--tempo-max", "140", "--variety", "0.3", "--max-per-artist", "1"],
    ].flat(),
  ],
];
const VARIETY_QUERIES = [
  ["Levitating", "Dua Lipa"],
  ["Blinding Lights", "The Weeknd"],
  ["Bad Guy", "Billie Eilish"],
  ["Shape of You", "Ed Sheeran"],
  ["Someone Like You", "Adele"],
  ["Bohemian Rhapsody", "Queen"],
  ["Take On Me", "a-ha"],
  ["Smells Like Teen Spirit", "Nirvana"],
];
const FEATURES = ["energy", "valence", "danceability", "acousticness", "tempo"] as const;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function meanPairwise(model: TModelArtifact, items: TItem[]): number {
  const vs = items.map((i) => scaleFeatures(model, i.features));
  const sims: number[] = [];
  for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) sims.push(cosineSimilarity(vs[i]!, vs[j]!));
  return mean(sims);
}

async function run() {
  const db = await getDb();
  const active = await findActiveModel(db);
  if (!active) throw new Error("no active model: run `pnpm run pipeline all`");
  const resolver = createSongResolver({
    ...resolveSpotifyConfig(),
    supplied: [createLibraryProvider(createLibraryLookup(() => Promise.resolve(db)))],
  });
  const cli = async (argv: string[]): Promise<TJson> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await recommendCli([...argv, "--json"], { db, resolver, out: (t) => out.push(t), err: (t) => err.push(t) });
    if (code !== 0) throw new Error(`recommend ${argv.join(" ")}: ${err.join(" ")}`);
    return JSON.parse(out.join("\n")) as TJson;
  };

  console.log(`model ${active.model.version}; query "Levitating" by Dua Lipa\n`);
  console.log(`| option | cluster | new songs | ${FEATURES.map((f) => `mean ${f}`).join(" | ")} | mean cos to q | mean pairwise cos |`);
  console.log(`| --- | --- | --- | ${FEATURES.map(() => "---").join(" | ")} | --- | --- |`);
  let base: TJson | undefined;
  const lists: string[] = [];
  for (const [name, extra] of VARIANTS) {
    const r = await cli([...LEVITATING, ...extra]);
    base ??= r;
    const before = new Set(base.items.map((i) => i.trackId));
    const fresh = r.items.filter((i) => !before.has(i.trackId)).length;
    const means = FEATURES.map((f) => mean(r.items.map((i) => i.features[f])).toFixed(f === "tempo" ? 1 : 3));
    const cos = mean(r.items.map((i) => i.similarity)).toFixed(3);
    console.log(
      `| ${name} | ${r.cluster.index} | ${fresh}/${r.items.length} | ${means.join(" | ")} | ${cos} | ${meanPairwise(active.model, r.items).toFixed(3)} |`,
    );
    lists.push(`${name}: ${r.items.map((i) => `${i.title} (${i.artists[0] ?? "—"})`).join(" · ")}`);
  }
  console.log(`\n${lists.join("\n")}\n`);

  console.log(`variety over ${VARIETY_QUERIES.length} queries (top 10): mean cosine to the query point / mean pairwise cosine`);
  for (const variety of [0, 0.1, 0.3, 0.5, 0.7, 1]) {
    const toQ: number[] = [];
    const pairwise: number[] = [];
    for (const [title, artist] of VARIETY_QUERIES) {
      try {
        const r = await cli([title, "--artist", artist, "--variety", String(variety)]);
        toQ.push(mean(r.items.map((i) => i.similarity)));
        pairwise.push(meanPairwise(active.model, r.items));
      } catch (error) {
        if (variety === 0) console.log(`  ${title}: ${(error as Error).message}`);
      }
    }
    console.log(`  variety ${variety}: ${mean(toQ).toFixed(3)} / ${mean(pairwise).toFixed(3)} (${toQ.length} queries)`);
  }
  await closeDb();
}

run().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
