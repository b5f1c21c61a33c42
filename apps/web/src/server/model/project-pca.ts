// A 2-D map of the catalog: the first two principal components of the scaled features. Computed
// once per model version; a query song is projected with the same mean and components.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

export type TProjection = {
  mean: number[];
  components: [number[], number[]];
  explained: [number, number];
  project(row: ArrayLike<number>): { x: number; y: number };
};

export function fitProjection(rows: ArrayLike<number>[]): TProjection {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n < 2 || d < 2) throw new Error("A 2-D projection needs at least two rows of two features.");
  const mean = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  const centered = new Matrix(rows.map((row) => Array.from({ length: d }, (_, j) => row[j]! - mean[j]!)));
  const covariance = centered.transpose().mmul(centered).div(n - 1);
  const evd = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0) || 1;
  const vectors = evd.eigenvectorMatrix;
  const component = (rank: number): number[] => {
    const col = vectors.getColumn(order[rank]![1]);
    // Eigenvector signs are arbitrary: make the largest loading positive so the map is stable.
    const largest = col.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
    return largest < 0 ? col.map((v) => -v) : col;
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
