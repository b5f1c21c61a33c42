// Precomputes the library (the songs recommendations come from) for recommend(): scale every song once and store
// each cluster as one flat block of unit vectors, so a query only scans its own cluster with one dot product per
// song (cosine = dot of unit vectors).
import { assignCluster } from "./assign-cluster";
import { InvalidArgumentError, InvalidFeaturesError } from "./errors";
import type { TAudioFeatures } from "./features";
import type { TModelArtifact } from "./model-artifact";
import { scaleFeatures } from "./scale";

export interface TLibrarySong {
  trackId: string;
  features: TAudioFeatures;
  /** Cluster from the training run; when absent the song is assigned by the model's rule. */
  cluster?: number;
  /** One song's versions and recordings share it (computed by the caller; core-ml does not normalise text). */
  songKey?: string;
  /** The lead artist, for recommend's maxPerArtist cap; absent = unknown artist, never capped. */
  artistKey?: string;
}

export interface TLibraryCluster {
  /** Scaled features divided by their norm (unit rows; all-zero rows stay zero), row-major, size × d. */
  units: Float64Array;
  /** Euclidean norm of each scaled row. */
  norms: Float64Array;
  trackIds: string[];
  /** Position of each row in the songs array given to prepareLibrary. */
  songIndex: Int32Array;
  /** Interned songKey per row (an index into TPreparedLibrary.songKeys); -1 when the song has none. */
  songKeyIds: Int32Array;
  /** Interned artistKey per row (an index into TPreparedLibrary.artistKeys); -1 when unknown. */
  artistKeyIds: Int32Array;
}

export interface TPreparedLibrary {
  modelVersion: string;
  dimensions: number;
  clusters: TLibraryCluster[];
  /** trackId → [cluster, row] (first occurrence; later duplicates of a trackId are dropped). */
  positions: Map<string, readonly [number, number]>;
  size: number;
  /** songKey / artistKey → the interned id rows refer to. */
  songKeys: ReadonlyMap<string, number>;
  artistKeys: ReadonlyMap<string, number>;
  /** Whether any song carries a songKey or artistKey (no keys: recommend takes the plain top-N path). */
  hasKeys: boolean;
}

/**
 * Scales and groups the songs by cluster. Songs without `cluster` are assigned by model.assignment; a trackId that
 * appears twice keeps its first row (the public tracks catalog lists some tracks under several genres).
 */
export function prepareLibrary(model: TModelArtifact, songs: readonly TLibrarySong[]): TPreparedLibrary {
  const d = model.featureNames.length;
  const centroids = model.centroids;
  const clusterOf = new Int32Array(songs.length).fill(-1);
  const scaled = new Float64Array(songs.length * d);
  const positions = new Map<string, readonly [number, number]>();
  const sizes = new Int32Array(model.k);
  for (let i = 0; i < songs.length; i++) {
    const song = songs[i]!;
    if (positions.has(song.trackId)) continue;
    let vector: Float64Array;
    try {
      vector = scaleFeatures(model, song.features);
    } catch (e) {
      if (e instanceof InvalidFeaturesError) throw new InvalidFeaturesError(`catalog song ${song.trackId}: ${e.message}`, e.issues);
      throw e;
    }
    const c = song.cluster ?? assignCluster(vector, centroids, { metric: model.assignment });
    if (!Number.isInteger(c) || c < 0 || c >= model.k) {
      throw new InvalidArgumentError(`library song ${song.trackId} has cluster ${c}, expected an integer in [0, ${model.k})`);
    }
    scaled.set(vector, i * d);
    clusterOf[i] = c;
    positions.set(song.trackId, [c, sizes[c]!]);
    sizes[c]!++;
  }
  const clusters: TLibraryCluster[] = Array.from(sizes, (size) => ({
    units: new Float64Array(size * d),
    norms: new Float64Array(size),
    trackIds: new Array<string>(size),
    songIndex: new Int32Array(size),
    songKeyIds: new Int32Array(size).fill(-1),
    artistKeyIds: new Int32Array(size).fill(-1),
  }));
  const songKeys = new Interner();
  const artistKeys = new Interner();
  const fill = new Int32Array(model.k);
  for (let i = 0; i < songs.length; i++) {
    const c = clusterOf[i]!;
    if (c < 0) continue;
    const block = clusters[c]!;
    const row = fill[c]!++;
    let sq = 0;
    for (let j = 0; j < d; j++) sq += scaled[i * d + j]! ** 2;
    const norm = Math.sqrt(sq);
    for (let j = 0; j < d; j++) block.units[row * d + j] = norm === 0 ? 0 : scaled[i * d + j]! / norm;
    block.norms[row] = norm;
    block.trackIds[row] = songs[i]!.trackId;
    block.songIndex[row] = i;
    const { songKey, artistKey } = songs[i]!;
    if (songKey !== undefined) block.songKeyIds[row] = songKeys.id(songKey);
    if (artistKey !== undefined) block.artistKeyIds[row] = artistKeys.id(artistKey);
  }
  return {
    modelVersion: model.version,
    dimensions: d,
    clusters,
    positions,
    size: positions.size,
    songKeys: songKeys.ids,
    artistKeys: artistKeys.ids,
    hasKeys: songKeys.ids.size + artistKeys.ids.size > 0,
  };
}

// Strings → dense ids, so the ranking compares integers.
class Interner {
  readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
}
