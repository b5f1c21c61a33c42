// The recommend CLI's core: resolve the seeds (and songs to avoid) to their audio features, combine them with the
// active model (core-ml's recommendSteered: Rocchio query point, feature targets, tempo range, variety), and rank
// the anime songs of the query point's cluster, all read from the database.
import { recommendSteered, targetStepsInListenerTerms, type TSeed, type TSteerableFeature, type TTargetStep } from "@anisong/core-ml";
import { findActiveModel, listClusterSongs, type TClusterSong, type TDb } from "@anisong/db";
import { rankingKeysOf, songKeyOf } from "@anisong/library";
import type { TSongResolver } from "@anisong/providers";
import { PipelineError } from "../errors";
import { resolveSeeds, type TResolvedSeed, type TSeedInput } from "./resolve-seeds";

export type TRecommendedSong = Pick<TClusterSong, "trackId" | "title" | "artists" | "album" | "features"> & {
  /** Cosine to the query point. */
  similarity: number;
  /** Cosine to each seed, in seed order; to each avoided song, in avoid order. */
  seedSimilarities: number[];
  avoidSimilarities: number[];
};

export type TSteeredSongRecommendation = {
  seeds: TResolvedSeed[];
  avoid: TResolvedSeed[];
  modelVersion: string;
  cluster: { index: number; label: string; size: number };
  /** The query point in the model's scaled space, and what the targets moved (scaled units). */
  queryPoint: number[];
  shifts: Partial<Record<TSteerableFeature, number>>;
  /** One "less"/"more" step in each feature's own units (0–1 scale; BPM for tempo). */
  steps: Partial<Record<TSteerableFeature, number>>;
  items: TRecommendedSong[];
};

export type TSteerSongsOptions = {
  db: TDb;
  resolver: TSongResolver;
  seeds: readonly TSeedInput[];
  avoid?: readonly TSeedInput[];
  targets?: Partial<Record<TSteerableFeature, TTargetStep>>;
  tempoRange?: { min?: number; max?: number };
  variety?: number;
  /** How many songs to return. */
  topN: number;
  /** At most this many songs per lead artist (core-ml's default 2 when absent). */
  maxPerArtist?: number;
};

export async function recommendSteeredSongs(opts: TSteerSongsOptions): Promise<TSteeredSongRecommendation> {
  const active = await findActiveModel(opts.db);
  if (!active) throw new PipelineError("no active model in the database: run `pnpm run pipeline all` first");
  const seeds = await resolveSeeds(opts.resolver, opts.seeds);
  const avoid = await resolveSeeds(opts.resolver, opts.avoid ?? []);
  const library = await listClusterSongs(opts.db, { modelId: active.model.version });
  // One entry per song: versions and recordings share a songKey (the web's loaded model keys the same way).
  const keys = rankingKeysOf(library);
  const keyed = library.map((s, i) => ({ trackId: s.trackId, features: s.features, cluster: s.cluster, ...keys[i]! }));
  const positions = new Map(library.map((s, i) => [s.trackId, i]));
  const asSeed = ({ song }: TResolvedSeed): TSeed => {
    const own = positions.get(song.track.id);
    const songKey =
      own !== undefined ? keys[own]!.songKey : songKeyOf({ id: song.track.id, title: song.track.title, artists: song.track.artists });
    return { trackId: song.track.id, features: song.features, songKey };
  };
  const result = recommendSteered(
    active.model,
    { seeds: seeds.map(asSeed), avoid: avoid.map(asSeed), targets: opts.targets, tempoRange: opts.tempoRange },
    keyed,
    { topN: opts.topN, maxPerArtist: opts.maxPerArtist, variety: opts.variety },
  );
  const cluster = active.clusters.find((c) => c.index === result.cluster);
  return {
    seeds,
    avoid,
    modelVersion: active.model.version,
    cluster: { index: result.cluster, label: cluster?.label ?? `cluster ${result.cluster}`, size: cluster?.size ?? 0 },
    queryPoint: result.queryPoint,
    shifts: result.shifts,
    steps: targetStepsInListenerTerms(active.model),
    items: result.items.map((item) => {
      const s = library[item.index]!;
      return {
        trackId: s.trackId,
        title: s.title,
        artists: s.artists,
        album: s.album,
        features: s.features,
        similarity: item.similarity,
        seedSimilarities: item.seedSimilarities,
        avoidSimilarities: item.avoidSimilarities,
      };
    }),
  };
}
