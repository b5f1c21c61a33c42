import config from "@anisong/eslint-config/react";

export default config;
