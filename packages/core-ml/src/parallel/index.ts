// "@anisong/core-ml/parallel": k-means restarts and the exact silhouette on node:worker_threads (Node only; the
// main entry stays pure).
export { KMeansPool, kmeansFlatParallel, type TKMeansPoolOptions } from "./kmeans-parallel";
export { SilhouettePool, type TSilhouettePoolOptions } from "./silhouette-parallel";
