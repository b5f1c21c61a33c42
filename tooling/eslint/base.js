// Shared ESLint flat config for every package: typescript-eslint's recommended set (not the type-checked
// one: `tsc --noEmit` already type-checks, and type-aware linting is slow on a 2-core machine), a few
// rules that catch real mistakes, and the rule that keeps environment reads in one file per package.
import js from "@eslint/js";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** Files that may read `process.env`: each package's env.ts, plus tests, benchmarks and tool configs,
 *  where setting or passing the environment is the point. Keep this list short and explicit. */
export const envReaders = ["**/env.ts", "**/test/**", "**/bench/**", "**/*.config.{js,mjs,cjs,ts}"];

export default defineConfig(
  {
    // Generated, built or downloaded: never linted.
    ignores: ["**/node_modules/**", "**/dist/**", "**/.next/**", "**/coverage/**", "**/src/generated/**", "**/next-env.d.ts"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      // `import("x").T` in a type position is type-only too; allowed.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // Tests match column-aligned terminal output, where "  " reads better than " {2}".
      "no-regex-spaces": "off",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment in this package's env.ts and pass the values in." },
      ],
      eqeqeq: ["error", "smart"],
      "no-console": "off",
    },
  },
  {
    files: envReaders,
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tests read JSON bodies of any shape and assert on them; typing each one would only restate the assertion.
    files: ["**/test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // CommonJS configs (jest.config.cjs, tooling/jest).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
