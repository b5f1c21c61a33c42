import config from "@anisong/eslint-config/base";

export default [
  ...config,
  {
    // core-ml is pure: no Node built-ins in its source (tests and benchmarks may read fixtures).
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "core-ml is pure: no Node built-ins in src." }] }],
    },
  },
];
