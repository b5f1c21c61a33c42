export * from "./features";
