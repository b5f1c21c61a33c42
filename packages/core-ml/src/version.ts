// Keep in step with package.json (a test checks it); a constant avoids importing JSON into browser bundles.
export const CORE_ML_NAME = "@anisong/core-ml";
export const CORE_ML_VERSION = "0.1.0";
