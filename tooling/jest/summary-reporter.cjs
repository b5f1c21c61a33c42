// Writes each package's test counts to <repo>/.test-results/<package>.json so .ci/run can print
// one closing "N passed, N failed" line for the whole monorepo.
const fs = require("node:fs");
const path = require("node:path");

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    let dir = this.rootDir;
    while (!fs.existsSync(path.join(dir, "pnpm-workspace.yaml")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const out = path.join(dir, ".test-results");
    fs.mkdirSync(out, { recursive: true });
    const name = path.relative(dir, this.rootDir).replace(/[\\/]/g, "__") || "root";
    fs.writeFileSync(
      path.join(out, `${name}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}
module.exports = SummaryReporter;
