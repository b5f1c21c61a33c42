// The CLI as a data person meets it: usage on bad arguments (exit 2), a one-line reason on failure (exit 1).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURES } from "./helpers";

const CLI = path.join(__dirname, "../src/cli/pipeline.ts");
const TSX = require.resolve("tsx/cli", { paths: [path.join(__dirname, "..")] });

// Like pnpm: the script runs inside the package, INIT_CWD names the folder the user typed the command in.
function run(args: string[], initCwd?: string) {
  const env = { ...process.env, NODE_OPTIONS: "", INIT_CWD: initCwd ?? "" };
  const r = spawnSync(process.execPath, [TSX, CLI, ...args], { cwd: path.join(__dirname, ".."), encoding: "utf8", env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pnpm run pipeline CLI", () => {
  it("prints usage and exits 2 on bad arguments", () => {
    for (const args of [
      [],
      ["fly"],
      ["train", "--sweep", "12..2"],
      ["all", "--k", "five"],
      ["clean", "--bogus"],
      ["train", "--dataset", "kpop"],
    ]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^pipeline: .+\n\nusage: pnpm run pipeline <step> \[options\]/);
    }
    const help = run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("acquire     copy the raw CSV(s)");
  }, 60_000);

  it("fails with a one-line reason and no stack trace, reading --config relative to the folder pnpm was called from", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-cli-"));
    try {
      const input = path.join(dir, "broken.csv");
      fs.writeFileSync(input, fs.readFileSync(path.join(FIXTURES, "seed-small.csv"), "utf8").replace(",energy,", ",energie,"));
      fs.writeFileSync(
        path.join(dir, "pipeline.json"),
        JSON.stringify({ rootDir: ".", paths: { seed: input, catalog: path.join(FIXTURES, "catalog-small.csv.gz") } }),
      );
      const r = run(["all", "--config", "pipeline.json"], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("✓ acquire in");
      const lines = r.stderr.trim().split("\n");
      expect(lines.at(-1)).toBe('pipeline all failed: broken.csv: missing column(s) "energy"');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
