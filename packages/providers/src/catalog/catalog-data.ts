// The catalog as parallel arrays (one slot per distinct track): compact, fast to index, cheap to keep in memory.
import { FEATURE_NAMES } from "@anisong/core-ml";

export const FEATURE_COUNT = FEATURE_NAMES.length;

export type TCatalogData = {
  ids: string[];
  titles: string[];
  artists: string[][];
  albums: string[];
  popularity: Uint8Array;
  /** Row-major, FEATURE_NAMES order, FEATURE_COUNT per track. */
  features: Float64Array;
  genres: string[][];
  /** Rows read from the file, before merging by id. */
  rowCount: number;
  /** Rows skipped because a field failed validation (row number and reason). */
  rejected: { row: number; reason: string }[];
};
