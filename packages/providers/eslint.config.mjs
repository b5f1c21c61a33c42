import config from "@anisong/eslint-config/base";

export default config;
