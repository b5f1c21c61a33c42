// One library song by its id or any merged id (alternateIds, GIN-indexed), with its cluster under one model:
// one indexed query on PGlite and PostgreSQL alike. Raw SQL so the floats come back exact.
import { FEATURE_NAMES, type TAudioFeatures } from "@anisong/core-ml";
import type { TDbOrTx } from "../db-transaction";
import { toDatabaseError } from "../errors/database-error";

export type TLibrarySongRow = {
  id: string;
  title: string;
  artists: string[];
  album: string | null;
  popularity: number | null;
  genres: string[];
  features: TAudioFeatures;
  kind: string;
  isVersion: boolean;
  animeTitle: string | null;
  provenance: string[];
  alternateIds: string[];
  cluster: number;
};

const FIND_LIBRARY_SONG = `
  SELECT s."id", s."title", s."artists", s."album", s."popularity", s."genres", ${FEATURE_NAMES.map((f) => `s."${f}"`).join(", ")},
         s."kind", s."isVersion", s."animeTitle", s."provenance", s."alternateIds", sc."clusterIndex"
  FROM "Song" s JOIN "SongCluster" sc ON sc."songId" = s."id" AND sc."modelId" = $2
  WHERE s."id" = $1 OR s."alternateIds" @> ARRAY[$1]::text[]
  ORDER BY (s."id" = $1) DESC
  LIMIT 1`;

/** The library song of `modelId` that answers to `id` (its own or a merged recording's), or null. */
export async function findLibrarySong(db: TDbOrTx, input: { id: string; modelId: string }): Promise<TLibrarySongRow | null> {
  let rows: Record<string, unknown>[];
  try {
    rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(FIND_LIBRARY_SONG, input.id, input.modelId);
  } catch (error) {
    throw toDatabaseError(error) ?? error;
  }
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id as string,
    title: r.title as string,
    artists: r.artists as string[],
    album: (r.album as string | null) ?? null,
    popularity: (r.popularity as number | null) ?? null,
    genres: r.genres as string[],
    features: Object.fromEntries(FEATURE_NAMES.map((f) => [f, Number(r[f])])) as TAudioFeatures,
    kind: r.kind as string,
    isVersion: r.isVersion as boolean,
    animeTitle: (r.animeTitle as string | null) ?? null,
    provenance: r.provenance as string[],
    alternateIds: r.alternateIds as string[],
    cluster: Number(r.clusterIndex),
  };
}
