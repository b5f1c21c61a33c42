// The tarball build (`pnpm pack` runs it through prepack): ESM JavaScript and type declarations in dist/.
// Inside the workspace nothing uses dist: package.json's exports point at src/index.ts.
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  target: "es2022",
  // Pure: no Node built-ins (eslint.config.mjs forbids them in src), so any runtime can load it.
  platform: "neutral",
  sourcemap: true,
  clean: true,
  // dist/index.js, not .mjs: the workspace package.json has no "type" (tsx runs the benchmark as CommonJS);
  // the packed manifest gets "type": "module" from publishConfig. tsup's declaration worker ignores
  // outExtension and writes index.d.mts, so the build script renames it to index.d.ts.
  outExtension: () => ({ js: ".js" }),
  // zod stays a dependency of the package, not a copy inside the bundle.
  external: ["zod"],
  // @noble/hashes (the model hash) is a devDependency bundled in, so the tarball depends on zod alone.
  noExternal: ["@noble/hashes"],
});
