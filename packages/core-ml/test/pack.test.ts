// core-ml outside the monorepo: `pnpm pack` (prepack builds dist with tsup), `npm install` of the tarball into
// a fresh project, then plain Node (no tsx, no TypeScript) imports the package and runs k-means.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PACKAGE_DIR = path.join(__dirname, "..");

// pnpm passes its own settings to scripts as npm_* variables; npm must not inherit them.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, NODE_OPTIONS: "" };
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, env: cleanEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// Two blobs of three points; k = 2 must split them, and each blob's inertia is 4/3.
const SCRIPT = `import("@anisong/core-ml").then((m) => {
  const r = m.kmeans([[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]], 2, { seed: 0 });
  console.log(JSON.stringify({ labels: r.labels, inertia: r.inertia, centroids: r.centroids, version: m.CORE_ML_VERSION }));
})`;

describe("@anisong/core-ml as a packed package", () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "core-ml-pack-"));
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("installs from its tarball and runs k-means under plain Node", () => {
    run("pnpm", ["pack", "--pack-destination", work], PACKAGE_DIR);
    const tarballs = fs.readdirSync(work).filter((f) => f.endsWith(".tgz"));
    expect(tarballs).toEqual(["anisong-core-ml-0.1.0.tgz"]);

    const project = path.join(work, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    run("npm", ["install", path.join(work, tarballs[0]!), "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], project);

    // Built JavaScript and declarations only, and zod as the one dependency.
    const installed = path.join(project, "node_modules", "@anisong", "core-ml");
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    expect(manifest.type).toBe("module");
    expect(manifest.exports).toEqual({ ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } });
    expect(Object.keys(manifest.dependencies)).toEqual(["zod"]);
    expect(fs.readdirSync(path.join(installed, "dist")).sort()).toEqual(["index.d.ts", "index.js", "index.js.map"]);
    expect(fs.readFileSync(path.join(installed, "dist", "index.d.ts"), "utf8")).toMatch(/declare function kmeans\(/);
    const js = fs.readFileSync(path.join(installed, "dist", "index.js"), "utf8");
    const imported = new Set([...js.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]));
    expect([...imported]).toEqual(["zod"]); // pure: no Node built-ins, nothing bundled from the workspace
    const nodeModules = fs.readdirSync(path.join(project, "node_modules")).filter((f) => !f.startsWith("."));
    expect(nodeModules.sort()).toEqual(["@anisong", "zod"]);

    const out = JSON.parse(run(process.execPath, ["-e", SCRIPT], project)) as {
      labels: number[];
      inertia: number;
      centroids: number[][];
      version: string;
    };
    expect(out.version).toBe(manifest.version);
    expect(new Set(out.labels.slice(0, 3)).size).toBe(1);
    expect(new Set(out.labels.slice(3)).size).toBe(1);
    expect(out.labels[0]).not.toBe(out.labels[3]);
    expect(out.inertia).toBeCloseTo(8 / 3, 12);
    const byFirstX = [...out.centroids].sort((a, b) => a[0]! - b[0]!);
    expect(byFirstX[0]![0]).toBeCloseTo(1 / 3, 12);
    expect(byFirstX[1]![0]).toBeCloseTo(31 / 3, 12);
  }, 180_000);
});
