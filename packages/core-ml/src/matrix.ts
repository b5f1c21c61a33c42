// Row-major Float64Array matrices: the hot loops (Lloyd, silhouette, ranking) index flat memory, not number[][].
import { DimensionMismatchError, InvalidArgumentError } from "./errors";

export interface TFlatMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Copies rows into one flat array, checking they are rectangular and finite. */
export function toFlatMatrix(rows: ArrayLike<ArrayLike<number>>, expectedCols?: number): TFlatMatrix {
  const n = rows.length;
  const cols = expectedCols ?? (n > 0 ? rows[0]!.length : 0);
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row.length !== cols) throw new DimensionMismatchError(cols, row.length, `row ${i}`);
    for (let j = 0; j < cols; j++) {
      const v = row[j]!;
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`row ${i}, column ${j} is not a finite number (${v})`);
      data[i * cols + j] = v;
    }
  }
  return { data, rows: n, cols };
}

export function toRows(m: TFlatMatrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}
