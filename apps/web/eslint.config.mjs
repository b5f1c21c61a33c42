import config from "@anisong/eslint-config/react";
import { defineConfig } from "eslint/config";

export default defineConfig(config, {
  // In production the Node server calls these handlers itself, outside Next's request scope
  // (src/server/http/serve-api.ts): next/headers and next/server would work in `next dev` and fail there.
  files: ["src/app/api/**/*.ts", "src/server/**/*.ts"],
  ignores: ["src/server/recommendations/create-for-page.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: ["next/headers", "next/server", "next/navigation", "next/cache"],
            message: "API handlers run outside Next in production (serve-api.ts): read the Request instead.",
          },
        ],
      },
    ],
  },
});
