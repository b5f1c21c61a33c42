import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findRepoRoot } from "@anisong/db";
import { SERVER_NODE_OPTIONS, serverNodeOptions } from "./server-node-options";

const repo = findRepoRoot();

/** The threads of a Node process started with these NODE_OPTIONS (Linux: /proc/self/task). */
function threadCount(nodeOptions: string): number {
  const out = spawnSync(process.execPath, ["-e", "console.log(require('fs').readdirSync('/proc/self/task').length)"], {
    env: { NODE_ENV: "test", NODE_OPTIONS: nodeOptions },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return Number(out.stdout.trim());
}

test("every way the server starts carries the same options", () => {
  const web = JSON.parse(fs.readFileSync(path.join(repo, "apps", "web", "package.json"), "utf8")) as { scripts: { start: string } };
  expect(web.scripts.start).toContain(`NODE_OPTIONS="${SERVER_NODE_OPTIONS} $NODE_OPTIONS" next start`);
  const dockerfile = fs.readFileSync(path.join(repo, "docker", "Dockerfile.web"), "utf8");
  expect(dockerfile).toMatch(new RegExp(`^ENV .*NODE_OPTIONS=${SERVER_NODE_OPTIONS}$`, "m"));
});

test("Node takes them: one V8 helper thread, and an operator's own value wins", () => {
  const ours = threadCount(serverNodeOptions(undefined));
  expect(threadCount(serverNodeOptions("--v8-pool-size=3")) - ours).toBe(2);
  expect(serverNodeOptions(" --max-old-space-size=512 ")).toBe(`${SERVER_NODE_OPTIONS} --max-old-space-size=512`);
  expect(serverNodeOptions("")).toBe(SERVER_NODE_OPTIONS);
});
