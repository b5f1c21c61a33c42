// A 2-D map of the library: the first two principal components of the scaled features. The covariance is only
// d × d (9 × 9), so a cyclic Jacobi eigen solver is exact enough and keeps core-ml free of matrix libraries.
import { InvalidArgumentError } from "./errors";

export type TProjection = {
  mean: number[];
  components: [number[], number[]];
  explained: [number, number];
  project(row: ArrayLike<number>): { x: number; y: number };
};

export type TSymmetricEigen = {
  /** Eigenvalues, in the order the solver leaves them (not sorted). */
  values: number[];
  /** vectors[i] is the unit eigenvector of values[i]. */
  vectors: number[][];
};

const MAX_SWEEPS = 100;

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: readonly (readonly number[])[]): TSymmetricEigen {
  const n = matrix.length;
  const a = matrix.map((row) => {
    if (row.length !== n) throw new InvalidArgumentError("symmetricEigen needs a square matrix");
    return [...row];
  });
  // v accumulates the rotations; its columns become the eigenvectors.
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form: the smaller root of t² + 2θt − 1).
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return {
    values: a.map((row, i) => row[i]!),
    vectors: Array.from({ length: n }, (_, i) => v.map((row) => row[i]!)),
  };
}

/** Fits the projection on the rows (sample covariance, n − 1); a query row is projected with the same axes. */
export function fitProjection(rows: readonly ArrayLike<number>[]): TProjection {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n < 2 || d < 2) throw new InvalidArgumentError("A 2-D projection needs at least two rows of two features.");
  const mean = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  const covariance = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const centered = new Array<number>(d);
  for (const row of rows) {
    for (let j = 0; j < d; j++) centered[j] = row[j]! - mean[j]!;
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) covariance[i]![j]! += centered[i]! * centered[j]!;
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      covariance[i]![j]! /= n - 1;
      covariance[j]![i] = covariance[i]![j]!;
    }
  }
  const { values, vectors } = symmetricEigen(covariance);
  const order = values.map((value, i) => [value, i] as const).sort((x, y) => y[0] - x[0]);
  const total = values.reduce((s, value) => s + Math.max(0, value), 0) || 1;
  const component = (rank: number): number[] => {
    const col = vectors[order[rank]![1]]!;
    // Eigenvector signs are arbitrary: make the largest loading positive so the map is stable.
    const largest = col.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0);
    return largest < 0 ? col.map((value) => -value) : col;
  };
  const components: [number[], number[]] = [component(0), component(1)];
  const explained: [number, number] = [Math.max(0, order[0]![0]) / total, Math.max(0, order[1]![0]) / total];
  return {
    mean,
    components,
    explained,
    project(row) {
      let x = 0;
      let y = 0;
      for (let j = 0; j < d; j++) {
        const c = row[j]! - mean[j]!;
        x += c * components[0][j]!;
        y += c * components[1][j]!;
      }
      return { x, y };
    },
  };
}
