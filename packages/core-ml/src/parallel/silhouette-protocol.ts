// Messages between the silhouette pool and its workers.

export interface TPairRangeRequest {
  job: number;
  /** The points grouped by cluster (n × d), shared by every worker. */
  grouped: SharedArrayBuffer;
  /** Cluster l holds grouped rows [start[l], start[l + 1]). */
  start: Int32Array;
  n: number;
  d: number;
  /** This worker's grouped rows [pFrom, pTo): it adds every pair (p, q > p) of them. */
  pFrom: number;
  pTo: number;
}

export type TPairRangeReply = { job: number; towards: Float64Array; error?: undefined } | { job: number; error: string };
