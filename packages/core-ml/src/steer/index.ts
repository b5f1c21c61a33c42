export * from "./steering";
export { recommendSteered } from "./recommend-steered";
export { buildQueryPoint, targetStepsInListenerTerms, type TQueryPoint } from "./query-point";
export { validateSteering, validateSteerOptions, type TValidSteerOptions } from "./validate-steering";
