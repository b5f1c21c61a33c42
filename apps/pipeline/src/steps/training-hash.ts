// What a trained model depends on: the scaled training data and every training setting. Stored as the
// artifact's trainingDataHash, so `all --if-needed` can tell without training whether the active model is current.
import { CORE_ML_VERSION } from "@anisong/core-ml";
import type { TPipelineConfig } from "../config/pipeline-config";
import { contentHash } from "../io/artifacts";

export function computeTrainingDataHash(config: TPipelineConfig, dataHash: string): string {
  const { k, seed, nInit, maxIterations, tolerance, assignment } = config.train;
  return contentHash({ dataHash, train: { k, seed, nInit, maxIterations, tolerance, assignment }, coreMl: CORE_ML_VERSION });
}
