// Shared Prettier config. printWidth 140: the code was written with long lines (most under 140),
// so formatting it churns far less than at 80 or 100.
/** @type {import("prettier").Config} */
const config = {
  printWidth: 140,
  singleQuote: false,
  semi: true,
  trailingComma: "all",
};

export default config;
