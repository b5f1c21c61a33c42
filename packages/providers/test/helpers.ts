export * from "../src";
export { findRepoRoot as findRepoRootForTests } from "../src/catalog/load-catalog";
