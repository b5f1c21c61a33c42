export { logGamma, regularizedIncompleteBeta, regularizedGammaQ } from "./special-functions";
export { studentTCdf, studentTQuantile, studentTTwoSidedTail, normalCdf, normalQuantile, normalTwoSidedTail } from "./distributions";
export { mean, sampleVariance, summarize, type TSampleSummary } from "./summary";
export { meanConfidenceInterval, wilsonInterval, type TInterval } from "./intervals";
export { welchTTest, twoProportionZTest, type TWelchResult, type TProportion, type TTwoProportionResult } from "./two-sample-tests";
