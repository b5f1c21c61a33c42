// apps/web: the base config plus React's rules of hooks and Next.js's own rules (core web vitals).
import nextPlugin from "@next/eslint-plugin-next";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import base from "./base.js";

export default defineConfig(base, reactHooks.configs.flat.recommended, {
  plugins: { "@next/next": nextPlugin },
  rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
});
