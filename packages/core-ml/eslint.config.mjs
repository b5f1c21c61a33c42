import config from "@anisong/eslint-config/base";

export default [
  ...config,
  {
    // core-ml is pure: no Node built-ins in its source (tests and benchmarks may read fixtures). The one exception is
    // the separate Node-only entry src/parallel (@anisong/core-ml/parallel, worker threads), which the rest never imports.
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/parallel/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "core-ml is pure: no Node built-ins in src." },
            { group: ["./parallel", "./parallel/*"], message: "the main entry stays pure: use @anisong/core-ml/parallel." },
          ],
        },
      ],
    },
  },
];
