// Messages between the k-means pool and its workers.
import type { TKMeansPlan } from "../kmeans";

export interface TRestartRequest {
  job: number;
  run: number;
  plan: TKMeansPlan;
  /** The n × d matrix, shared by every worker (never copied per restart). */
  data: SharedArrayBuffer;
  n: number;
  d: number;
}

export type TRestartReply =
  | { job: number; run: number; inertia: number; iterations: number; centroids: Float64Array; labels: Int32Array; error?: undefined }
  | { job: number; run: number; error: string };
