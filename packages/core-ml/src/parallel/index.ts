// "@anisong/core-ml/parallel": k-means restarts on node:worker_threads (Node only; the main entry stays pure).
export { KMeansPool, kmeansFlatParallel, type TKMeansPoolOptions } from "./kmeans-parallel";
