// Shared Jest preset: TypeScript through SWC (fast, no type-check; `pnpm lint` type-checks).
// ml-kmeans and its ml-* dependencies ship ESM only, so they are transformed too instead of ignored.
const esmOnly = [
  "ml-kmeans",
  "ml-distance-euclidean",
  "ml-nearest-vector",
  "ml-random",
  "ml-xsadd",
  "ml-spectra-processing",
  "ml-array-[a-z-]+",
  "ml-matrix",
  "is-any-array",
  "cheminfo-types",
  "fft.js",
  "ml-regression-[a-z-]+",
  "spline-interpolator",
  "@noble[+/]hashes",
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // A guard against hangs, not a speed target: under load (2 shared cores) opening a PGlite folder alone can take
  // several seconds, which tripped Jest's 5 s default on CI-like machines.
  testTimeout: 30_000,
  transform: {
    "^.+\\.(t|j|mj)sx?$": [
      require.resolve("@swc/jest"),
      {
        jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022", transform: { react: { runtime: "automatic" } } },
        module: { type: "commonjs" },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmOnly.join("|")})[@/])`],
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"],
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/src/**/*.test.tsx", "<rootDir>/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/.next/"],
  reporters: ["default", require.resolve("./summary-reporter.cjs")],
};
