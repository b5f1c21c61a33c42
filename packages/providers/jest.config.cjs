module.exports = { ...require("@anisong/jest-config") };
