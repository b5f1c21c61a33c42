// The repository's Prettier config lives in tooling/prettier.
export { default } from "@anisong/prettier-config";
