// Standardisation as scikit-learn's StandardScaler: population standard deviation, constant columns get scale 1.
import { z } from "zod";
import { DimensionMismatchError, InvalidArgumentError } from "./errors";
import { toFlatMatrix } from "./matrix";
import { standardizeInto } from "./scale";

export const ZScalerJson = z
  .object({
    mean: z.array(z.number().finite()).min(1),
    scale: z.array(z.number().finite().positive()).min(1),
  })
  .refine((s) => s.mean.length === s.scale.length, { message: "mean and scale must have the same length" });
export type TScalerJson = z.infer<typeof ZScalerJson>;

const EPS = Number.EPSILON;

export class StandardScaler {
  readonly mean: number[];
  readonly scale: number[];

  private constructor(mean: number[], scale: number[]) {
    this.mean = mean;
    this.scale = scale;
  }

  get dimensions(): number {
    return this.mean.length;
  }

  /** Fits mean and population std per column (ddof = 0, like numpy/sklearn). */
  static fit(rows: number[][]): StandardScaler {
    if (rows.length === 0) throw new InvalidArgumentError("cannot fit a scaler on zero rows");
    const { data, rows: n, cols: d } = toFlatMatrix(rows);
    const mean = new Array<number>(d).fill(0);
    const scale = new Array<number>(d).fill(1);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += data[i * d + j]!;
      const mu = sum / n;
      // Two-pass variance with sklearn's correction term (sum of deviations) for round-off.
      let sq = 0;
      let corr = 0;
      for (let i = 0; i < n; i++) {
        const dev = data[i * d + j]! - mu;
        sq += dev * dev;
        corr += dev;
      }
      const variance = Math.max(0, (sq - (corr * corr) / n) / n);
      // sklearn's _is_constant_feature: variance below the round-off bound means a constant column.
      const bound = n * EPS * variance + (n * mu * EPS) ** 2;
      mean[j] = mu;
      scale[j] = variance <= bound || variance === 0 ? 1 : Math.sqrt(variance);
    }
    return new StandardScaler(mean, scale);
  }

  static fromJSON(json: unknown): StandardScaler {
    const parsed = ZScalerJson.parse(json);
    return new StandardScaler([...parsed.mean], [...parsed.scale]);
  }

  toJSON(): TScalerJson {
    return { mean: [...this.mean], scale: [...this.scale] };
  }

  transformRow(row: ArrayLike<number>): Float64Array {
    const d = this.mean.length;
    if (row.length !== d) throw new DimensionMismatchError(d, row.length, "row");
    const out = new Float64Array(d);
    standardizeInto(this.mean, this.scale, row, 0, out, 0);
    return out;
  }

  transform(rows: number[][]): number[][] {
    return rows.map((r) => Array.from(this.transformRow(r)));
  }

  /** Scales a flat row-major matrix in place-free fashion (used by the benchmarks). */
  transformFlat(data: Float64Array): Float64Array {
    const d = this.mean.length;
    if (data.length % d !== 0) throw new DimensionMismatchError(d, data.length % d, "flat matrix remainder");
    const out = new Float64Array(data.length);
    for (let i = 0; i < data.length; i += d) standardizeInto(this.mean, this.scale, data, i, out, i);
    return out;
  }

  inverseTransform(rows: number[][]): number[][] {
    const d = this.mean.length;
    return rows.map((row) => {
      if (row.length !== d) throw new DimensionMismatchError(d, row.length, "row");
      return row.map((v, j) => v * this.scale[j]! + this.mean[j]!);
    });
  }
}
