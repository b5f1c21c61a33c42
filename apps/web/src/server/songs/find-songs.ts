// The browsable list of the active model's anime songs: sorted and paged in memory (the library is
// already cached per model version), so listing never touches the songs table. One entry per song.
import type { TClusterSong, TDb } from "@anisong/db";
import { spotifyTrackUrl } from "@anisong/providers";
import type { TSongRow, TSongsPage } from "../../lib/api-types";
import { loadActiveModel, clusterOf, type TLoadedModel } from "../model/load-active-model";
import type { TSongsQuery } from "../schemas";

const collator = new Intl.Collator(["en", "ja"], { sensitivity: "base", numeric: true });

type TCompare = (a: TClusterSong, b: TClusterSong) => number;

const byTitle: TCompare = (a, b) => collator.compare(a.title, b.title) || a.trackId.localeCompare(b.trackId);
const COMPARATORS: Record<TSongsQuery["sort"], TCompare> = {
  title: byTitle,
  artist: (a, b) => collator.compare(a.artists.join(", "), b.artists.join(", ")) || byTitle(a, b),
  popularity: (a, b) => (a.popularity ?? -1) - (b.popularity ?? -1) || byTitle(a, b),
  cluster: (a, b) => a.cluster - b.cluster || byTitle(a, b),
  energy: (a, b) => a.features.energy - b.features.energy || byTitle(a, b),
  danceability: (a, b) => a.features.danceability - b.features.danceability || byTitle(a, b),
  valence: (a, b) => a.features.valence - b.features.valence || byTitle(a, b),
  tempo: (a, b) => a.features.tempo - b.features.tempo || byTitle(a, b),
};

export async function findSongs(db: TDb, query: TSongsQuery): Promise<TSongsPage> {
  const loaded = await loadActiveModel(db);
  let rows = sortedSongs(loaded, query.sort, query.order);
  if (query.cluster !== undefined) rows = rows.filter((s) => s.cluster === query.cluster);
  const total = rows.length;
  const start = (query.page - 1) * query.size;
  return {
    items: rows.slice(start, start + query.size).map((song) => toSongRow(loaded, song)),
    page: query.page,
    size: query.size,
    total,
    totalPages: Math.max(1, Math.ceil(total / query.size)),
    sort: query.sort,
    order: query.order,
    modelVersion: loaded.version,
  };
}

function sortedSongs(loaded: TLoadedModel, sort: TSongsQuery["sort"], order: "asc" | "desc"): TClusterSong[] {
  const key = `${sort}:${order}`;
  let rows = loaded.sorted.get(key);
  if (!rows) {
    const compare = COMPARATORS[sort];
    rows = [...loaded.distinctSongs].sort(order === "asc" ? compare : (a, b) => compare(b, a));
    loaded.sorted.set(key, rows);
  }
  return rows;
}

export function toSongRow(loaded: TLoadedModel, song: TClusterSong): TSongRow {
  const cluster = clusterOf(loaded, song.cluster);
  return {
    id: song.trackId,
    title: song.title,
    artists: song.artists,
    album: song.album,
    popularity: song.popularity,
    cluster: { index: cluster.index, label: cluster.label },
    features: song.features,
    spotifyUrl: spotifyTrackUrl(song.trackId),
  };
}
