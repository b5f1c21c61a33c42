export * from "./config/pipeline-config";
export * from "./context";
export * from "./errors";
export { artifactPaths } from "./io/artifact-paths";
export { runAll, runStep, STEPS, STEP_NAMES, type TStepName, type TStepTiming } from "./run-pipeline";
export { renderSweepSvg, type TSweepPoint } from "./report/sweep-chart";
export { computeTrainingDataHash } from "./steps/training-hash";
